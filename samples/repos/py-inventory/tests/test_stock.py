import pytest

from inventory.stock import Stock


def test_empty_stock_counts_zero():
    assert Stock().count("pen") == 0


@pytest.mark.parametrize("adds, expected", [([1], 1), ([2, 3], 5), ([0], 0), ([10, 10, 10], 30)])
def test_add(adds, expected):
    stock = Stock()
    for count in adds:
        stock.add("pen", count)
    assert stock.count("pen") == expected


def test_add_refuses_a_negative_count():
    with pytest.raises(ValueError):
        Stock().add("pen", -1)


def test_remove():
    stock = Stock()
    stock.add("pen", 5)
    stock.remove("pen", 2)
    assert stock.count("pen") == 3


def test_remove_all_forgets_the_item():
    stock = Stock()
    stock.add("pen", 2)
    stock.remove("pen", 2)
    assert stock.items() == []


def test_remove_more_than_held_fails():
    stock = Stock()
    stock.add("pen", 1)
    with pytest.raises(ValueError, match="only 1 of pen"):
        stock.remove("pen", 2)


def test_items_are_sorted():
    stock = Stock()
    for item in ("ink", "book", "pen"):
        stock.add(item)
    assert stock.items() == ["book", "ink", "pen"]

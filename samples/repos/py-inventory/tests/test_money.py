import pytest

from inventory.money import add_tax, cents, split


@pytest.mark.parametrize("amount, expected", [(1, 100), ("12.34", 1234), (0.1, 10), ("0", 0)])
def test_cents(amount, expected):
    assert cents(amount) == expected


@pytest.mark.parametrize("amount, rate, expected", [(1000, 0.2, 1200), (999, 0.1, 1099), (0, 0.5, 0)])
def test_add_tax(amount, rate, expected):
    assert add_tax(amount, rate) == expected


@pytest.mark.parametrize("total, parts, expected", [(10, 3, [4, 3, 3]), (9, 3, [3, 3, 3]), (5, 1, [5]), (1, 2, [1, 0])])
def test_split(total, parts, expected):
    assert split(total, parts) == expected


def test_split_keeps_the_total():
    assert sum(split(1001, 7)) == 1001


def test_split_refuses_no_parts():
    with pytest.raises(ValueError):
        split(10, 0)

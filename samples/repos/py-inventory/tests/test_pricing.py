import pytest

from inventory.pricing import discount, line_total, order_total


@pytest.mark.parametrize("unit, quantity, expected", [(100, 3, 300), (250, 0, 0), (1, 1, 1)])
def test_line_total(unit, quantity, expected):
    assert line_total(unit, quantity) == expected


def test_order_total_without_tax():
    assert order_total([(100, 2), (50, 1)]) == 250


def test_order_total_with_tax():
    assert order_total([(1000, 1)], tax_rate=0.2) == 1200


def test_empty_order():
    assert order_total([]) == 0


@pytest.mark.parametrize("amount, percent, expected", [(1000, 10, 900), (999, 50, 500), (100, 0, 100), (100, 100, 0)])
def test_discount(amount, percent, expected):
    assert discount(amount, percent) == expected

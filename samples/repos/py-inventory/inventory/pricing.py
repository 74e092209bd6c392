"""Prices of orders."""
from inventory.money import add_tax


def line_total(unit_cents, quantity):
    return unit_cents * quantity


def order_total(lines, tax_rate=0.0):
    """The total of (unit cents, quantity) lines, with tax."""
    return add_tax(sum(line_total(u, q) for u, q in lines), tax_rate)


def discount(amount, percent):
    return amount - amount * percent // 100

"""Shipping costs: orders of 50 or more ship free, the rest pay a flat 5."""

FREE_FROM = 50
FLAT_RATE = 5


def shipping_cost(total):
    if total > FREE_FROM:
        return 0
    return FLAT_RATE

"""Bit tricks on non-negative integers."""


def is_power_of_two(n):
    # A power of two has exactly one bit set; n - 1 flips that bit and sets all below it.
    return n > 0 and (n | (n - 1)) == 0


def next_power_of_two(n):
    """The smallest power of two that is at least n (1 for n <= 1)."""
    power = 1
    while power < n:
        power <<= 1
    return power

"""Counting the ways to pay an amount with coins, each kind usable any number of times."""


def ways(amount, coins):
    """How many different collections of coins add up to amount (order does not matter)."""
    if amount == 0:
        return 1
    if amount < 0 or not coins:
        return 0
    # Either the first kind of coin is used (once more), or it is never used again.
    return ways(amount - coins[0], coins) + ways(amount, coins)

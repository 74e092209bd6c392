"""Integer square root by bisection: the largest r with r * r <= n."""


def isqrt(n):
    if n < 0:
        raise ValueError("no square root of a negative number")
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid * mid <= n:
            lo = mid
        else:
            hi = mid
    return lo

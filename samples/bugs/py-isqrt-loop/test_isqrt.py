import pytest

from isqrt import isqrt


def test_zero_and_one():
    assert isqrt(0) == 0
    assert isqrt(1) == 1


def test_small_numbers():
    assert [isqrt(n) for n in range(2, 10)] == [1, 1, 2, 2, 2, 2, 2, 3]


def test_perfect_squares():
    assert isqrt(49) == 7
    assert isqrt(144) == 12


def test_large():
    assert isqrt(10**6 + 5) == 1000


def test_negative():
    with pytest.raises(ValueError):
        isqrt(-4)

from calendar_rules import is_leap


def test_ordinary_leap_year():
    assert is_leap(2024)


def test_century_is_not_leap():
    assert not is_leap(1900)


def test_four_hundred_is_leap():
    assert is_leap(2000)


def test_odd_year():
    assert not is_leap(2023)


def test_century_divisible_by_forty_is_not_leap():
    assert not is_leap(1800)

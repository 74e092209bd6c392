from datetime import date

import pytest

from inventory.dates import as_date, days_between, is_weekend, next_working_day


def test_days_between():
    assert days_between(date(2024, 1, 1), date(2024, 3, 1)) == 60


@pytest.mark.parametrize("day, expected", [(date(2024, 6, 1), True), (date(2024, 6, 2), True), (date(2024, 6, 3), False)])
def test_is_weekend(day, expected):
    assert is_weekend(day) == expected


@pytest.mark.parametrize("day, expected", [(date(2024, 5, 31), date(2024, 6, 3)), (date(2024, 6, 3), date(2024, 6, 4))])
def test_next_working_day(day, expected):
    assert next_working_day(day) == expected


def test_as_date():
    assert as_date("2024-02-29") == date(2024, 2, 29)

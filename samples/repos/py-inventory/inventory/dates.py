"""Delivery dates."""
from datetime import date, timedelta


def days_between(start, end):
    return (end - start).days


def is_weekend(day):
    return day.weekday() >= 5


def next_working_day(day):
    day += timedelta(days=1)
    while is_weekend(day):
        day += timedelta(days=1)
    return day


def as_date(text):
    year, month, day = (int(part) for part in text.split("-"))
    return date(year, month, day)

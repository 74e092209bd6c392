# Deliberately weak (samples/bugs/manifest.json, wrongFix): one list of each length parity.
from stats import median


def test_odd_length():
    assert median([5, 1, 3]) == 3


def test_even_length():
    assert median([1, 3]) == 2

from progress import describe, percent


def test_nothing_done():
    assert percent(0, 8) == 0.0


def test_everything_done():
    assert percent(8, 8) == 100.0


def test_exact_percentage():
    assert percent(3, 8) == 37.5


def test_rounded_to_one_decimal():
    assert percent(1, 3) == 33.3


def test_rounded_up():
    assert percent(2, 3) == 66.7


def test_small_fraction():
    assert percent(1, 300) == 0.3


def test_empty_job_is_done():
    assert percent(0, 0) == 100.0


def test_describe():
    assert describe(3, 8) == "37.5% (3 of 8)"
    assert describe(2, 3) == "66.7% (2 of 3)"

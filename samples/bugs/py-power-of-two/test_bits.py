from bits import is_power_of_two, next_power_of_two


def test_one_is_a_power():
    assert is_power_of_two(1)


def test_large_power():
    assert is_power_of_two(1024)


def test_zero_is_not_a_power():
    assert not is_power_of_two(0)


def test_even_non_power():
    assert not is_power_of_two(12)


def test_next_power_of_exact_power():
    assert next_power_of_two(16) == 16


def test_next_power_rounds_up():
    assert next_power_of_two(17) == 32

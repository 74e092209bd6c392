import pytest

from flags import disable, enable, enabled


def test_enable_one_feature():
    assert enable(0, "export") == 2


def test_enable_several_features():
    assert enabled(enable(0, "search", "beta")) == ["beta", "search"]


def test_enabling_a_feature_that_is_on_keeps_it_on():
    assert enable(1, "search") == 1


def test_enabling_twice_is_the_same_as_once():
    assert enable(0, "dark_mode", "dark_mode") == 8


def test_enable_keeps_the_other_features():
    assert enabled(enable(enable(0, "search", "export"), "export", "beta")) == ["beta", "export", "search"]


def test_disable_switches_off_only_the_named_features():
    assert enabled(disable(15, "export", "beta")) == ["dark_mode", "search"]


def test_disabling_a_feature_that_is_off_keeps_it_off():
    assert disable(4, "search") == 4


def test_enable_then_disable():
    assert disable(enable(0, "beta"), "beta") == 0


def test_unknown_feature_is_an_error():
    with pytest.raises(KeyError):
        enable(0, "teleport")

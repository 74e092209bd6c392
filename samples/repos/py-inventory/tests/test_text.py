import pytest

from inventory.text import shorten, slug, title_case


@pytest.mark.parametrize("name, expected", [("Blue Pen", "blue-pen"), ("  A4 paper!! ", "a4-paper"), ("ink", "ink"), ("Ink & Quill", "ink-quill")])
def test_slug(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("name, expected", [("blue pen", "Blue Pen"), ("INK", "Ink"), ("", "")])
def test_title_case(name, expected):
    assert title_case(name) == expected


@pytest.mark.parametrize("text, limit, expected", [("pen", 5, "pen"), ("notebook", 5, "note…"), ("abc", 3, "abc")])
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected

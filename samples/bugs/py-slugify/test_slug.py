from slug import slugify


def test_already_a_slug():
    assert slugify("already-a-slug") == "already-a-slug"


def test_capitals_are_lowered():
    assert slugify("Hello World") == "hello-world"


def test_punctuation_separates_words():
    assert slugify("Wand: fix, test & rank!") == "wand-fix-test-rank"


def test_digits_are_kept():
    assert slugify("top 10 tips") == "top-10-tips"


def test_word_limit():
    assert slugify("one two three four", max_words=2) == "one-two"


def test_empty_title():
    assert slugify("") == ""

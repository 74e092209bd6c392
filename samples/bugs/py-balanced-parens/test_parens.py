from parens import balanced, deepest


def test_no_parentheses_is_balanced():
    assert balanced("a + b")


def test_empty_text_is_balanced():
    assert balanced("")


def test_simple_pair():
    assert balanced("(a + b) * c")


def test_nested_pairs():
    assert balanced("((a) + (b * (c - d)))")


def test_unclosed_parenthesis():
    assert not balanced("(a + b")


def test_more_opened_than_closed():
    assert not balanced("((a) + b")


def test_closing_before_opening():
    assert not balanced(")a + b(")


def test_extra_closing_parenthesis():
    assert not balanced("(a + b))")


def test_deepest():
    assert deepest("a + b") == 0
    assert deepest("(a) + (b)") == 1
    assert deepest("((a) + (b * (c - d)))") == 3

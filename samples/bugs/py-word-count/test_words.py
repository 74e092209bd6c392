from words import word_counts


def test_single_word():
    assert word_counts("hello") == {"hello": 1}


def test_repeated_words_any_case():
    assert word_counts("The cat the CAT") == {"the": 2, "cat": 2}


def test_empty_text():
    assert word_counts("") == {}

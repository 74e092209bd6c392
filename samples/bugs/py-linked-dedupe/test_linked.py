from linked import dedupe, from_list, to_list


def test_round_trip():
    assert to_list(from_list([1, 2, 3])) == [1, 2, 3]


def test_empty_list():
    assert dedupe(None) is None


def test_single_node():
    assert to_list(dedupe(from_list([7]))) == [7]


def test_no_repeats():
    assert to_list(dedupe(from_list([1, 2, 3]))) == [1, 2, 3]


def test_repeats_in_the_middle():
    assert to_list(dedupe(from_list([1, 2, 2, 3]))) == [1, 2, 3]


def test_repeats_at_the_end():
    assert to_list(dedupe(from_list([1, 3, 3, 3]))) == [1, 3]


def test_all_the_same():
    assert to_list(dedupe(from_list(["a", "a", "a"]))) == ["a"]


def test_in_place():
    head = from_list([1, 1, 2])
    assert dedupe(head) is head
    assert to_list(head) == [1, 2]

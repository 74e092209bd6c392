from bst import find, insert


def tree(*pairs):
    root = None
    for key, value in pairs:
        root = insert(root, key, value)
    return root


PHONEBOOK = [("mia", 5), ("dan", 2), ("tom", 8), ("ann", 1), ("eve", 3), ("sam", 7), ("zoe", 9)]


def test_empty_tree():
    assert find(None, "mia") is None


def test_root():
    assert find(tree(*PHONEBOOK), "mia") == 5


def test_right_subtree():
    root = tree(*PHONEBOOK)
    assert find(root, "tom") == 8
    assert find(root, "zoe") == 9


def test_left_subtree():
    root = tree(*PHONEBOOK)
    assert find(root, "dan") == 2
    assert find(root, "ann") == 1


def test_left_then_right():
    assert find(tree(*PHONEBOOK), "eve") == 3


def test_right_then_left():
    assert find(tree(*PHONEBOOK), "sam") == 7


def test_every_key():
    root = tree(*PHONEBOOK)
    assert [find(root, key) for key, _ in PHONEBOOK] == [value for _, value in PHONEBOOK]


def test_missing_keys():
    root = tree(*PHONEBOOK)
    assert find(root, "bob") is None
    assert find(root, "zed") is None
    assert find(root, "aaron") is None


def test_insert_replaces_a_value():
    root = tree(*PHONEBOOK, ("dan", 20))
    assert find(root, "dan") == 20

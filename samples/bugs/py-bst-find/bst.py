"""A binary search tree mapping keys to values: smaller keys to the left, larger to the right."""


class Node:
    def __init__(self, key, value):
        self.key = key
        self.value = value
        self.left = None
        self.right = None


def insert(node, key, value):
    """The tree rooted at node with key set to value (a new tree when node is None)."""
    if node is None:
        return Node(key, value)
    if key < node.key:
        node.left = insert(node.left, key, value)
    elif key > node.key:
        node.right = insert(node.right, key, value)
    else:
        node.value = value
    return node


def find(node, key):
    """The value stored under key in the tree rooted at node, or None when it has no such key."""
    if node is None:
        return None
    if key == node.key:
        return node.value
    if key < node.key:
        find(node.left, key)
    return find(node.right, key)

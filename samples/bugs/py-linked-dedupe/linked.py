"""A singly linked list of values, and removal of repeats from a sorted one."""


class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


def from_list(values):
    head = None
    for value in reversed(values):
        head = Node(value, head)
    return head


def to_list(head):
    values = []
    while head is not None:
        values.append(head.value)
        head = head.next
    return values


def dedupe(head):
    """Unlinks every node whose value repeats the one before it (in place); returns the head."""
    node = head
    while node is not None:
        if node.next.value == node.value:
            node.next = node.next.next
        else:
            node = node.next
    return head

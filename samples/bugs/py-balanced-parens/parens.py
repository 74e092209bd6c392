"""Checks on the parentheses of a formula; every other character is ignored."""


def balanced(text):
    """Whether every '(' in text is closed by a later ')', and no ')' comes before its '('."""
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return False


def deepest(text):
    """How deeply the parentheses of text nest (0 when it has none)."""
    depth = most = 0
    for ch in text:
        if ch == "(":
            depth += 1
            most = max(most, depth)
        elif ch == ")":
            depth -= 1
    return most

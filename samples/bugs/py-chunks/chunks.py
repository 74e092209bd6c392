"""Split a list into chunks of a given size; the last chunk may be shorter."""


def chunks(values, size):
    if size <= 0:
        raise ValueError("size must be positive")
    return [values[i:i + size] for i in range(0, len(values) - 1, size)]

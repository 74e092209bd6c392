"""Running maximum of a list: element i is the largest of the first i + 1 values."""


def running_max(values):
    result = []
    best = None
    for v in values:
        if best is None or v < best:
            best = v
        result.append(best)
    return result

"""Binary search in a sorted list: the index of target, or -1."""


def find(values, target):
    low, high = 0, len(values) - 1
    while low < high:
        mid = (low + high) // 2
        if values[mid] == target:
            return mid
        if values[mid] < target:
            low = mid + 1
        else:
            high = mid - 1
    return -1

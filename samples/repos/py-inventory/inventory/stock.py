"""How many of each item are in stock."""


class Stock:
    def __init__(self):
        self._counts = {}

    def add(self, item, count=1):
        if count < 0:
            raise ValueError("count must not be negative")
        self._counts[item] = self._counts.get(item, 0) + count

    def remove(self, item, count=1):
        held = self._counts.get(item, 0)
        if count > held:
            raise ValueError(f"only {held} of {item} in stock")
        self._counts[item] = held - count
        if self._counts[item] == 0:
            del self._counts[item]

    def count(self, item):
        return self._counts.get(item, 0)

    def items(self):
        return sorted(self._counts)

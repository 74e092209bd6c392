"""Count how often each word occurs, ignoring case."""


def word_counts(text):
    counts = {}
    for word in text.split():
        key = word.lower()
        counts[key] = counts.get(key, 1) + 1
    return counts

"""Progress of a batch job, as people read it: "37.5% (3 of 8)"."""


def percent(done, total):
    """done as a percentage of total, rounded to one decimal place (100.0 for an empty job)."""
    if total == 0:
        return 100.0
    return round(int(100 * done / total), 1)


def describe(done, total):
    return f"{percent(done, total)}% ({done} of {total})"

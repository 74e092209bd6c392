"""Feature flags packed into one integer, one bit per feature."""

FEATURES = {"search": 1, "export": 2, "beta": 4, "dark_mode": 8}


def enable(flags, *names):
    """The flags with each named feature switched on; a feature already on stays on."""
    for name in names:
        flags ^= FEATURES[name]
    return flags


def disable(flags, *names):
    """The flags with each named feature switched off; a feature already off stays off."""
    for name in names:
        flags &= ~FEATURES[name]
    return flags


def enabled(flags):
    """The names of the features that are on, sorted."""
    return sorted(name for name, bit in FEATURES.items() if flags & bit)

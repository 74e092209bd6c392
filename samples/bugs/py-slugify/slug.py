"""Turn a title into a URL slug: lower-case words joined by hyphens."""

import re


def slugify(title, max_words=None):
    # Anything that is not a letter or digit separates words.
    words = re.findall(r"[a-z0-9]+", title)
    if max_words is not None:
        words = words[:max_words]
    return "-".join(words)

"""Names of items as people and URLs want them."""
import re


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def title_case(name):
    return " ".join(word.capitalize() for word in name.split())


def shorten(text, limit):
    return text if len(text) <= limit else text[: limit - 1] + "…"

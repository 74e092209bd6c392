"""Amounts in whole cents."""


def cents(amount):
    """Euros (a float or a string such as "12.34") as whole cents."""
    return int(round(float(amount) * 100))


def add_tax(amount, rate):
    """The amount with tax at the given rate (0.2 for 20%), rounded to the cent."""
    return int(round(amount * (1 + rate)))


def split(total, parts):
    """The total shared in as equal parts as possible; the first parts take the odd cents."""
    if parts <= 0:
        raise ValueError("parts must be positive")
    base, rest = divmod(total, parts)
    return [base + (1 if i <= rest else 0) for i in range(parts)]

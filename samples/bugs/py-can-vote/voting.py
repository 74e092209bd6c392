"""Who may vote: adults, from their eighteenth birthday on."""


def can_vote(age):
    return age > 18

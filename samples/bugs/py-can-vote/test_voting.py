# Deliberately weak (samples/bugs/manifest.json, wrongFix): only adults are tried, so a fix
# that lets everyone vote passes too.
from voting import can_vote


def test_eighteen_may_vote():
    assert can_vote(18)


def test_forty_may_vote():
    assert can_vote(40)

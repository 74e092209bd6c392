# Deliberately weak (samples/bugs/manifest.json, wrongFix): the threshold is tried, a small order is not.
from shipping import shipping_cost


def test_free_from_fifty():
    assert shipping_cost(50) == 0


def test_big_order_ships_free():
    assert shipping_cost(120) == 0

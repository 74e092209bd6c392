from checkout import amount_due, card_left


def test_small_basket_pays_shipping():
    assert amount_due([1200, 800]) == 2495


def test_large_basket_ships_free():
    assert amount_due([3000, 2500]) == 5500


def test_gift_card_pays_part_of_the_basket():
    assert amount_due([1200, 800], gift_card=500) == 1995


def test_gift_card_pays_the_whole_basket_but_not_shipping():
    assert amount_due([1200, 800], gift_card=3000) == 495


def test_gift_card_worth_exactly_the_basket():
    assert amount_due([6000], gift_card=6000) == 0


def test_large_gift_card_on_a_free_shipping_basket():
    assert amount_due([6000], gift_card=10000) == 0


def test_card_left():
    assert card_left([1200, 800], 3000) == 1000
    assert card_left([1200, 800], 500) == 0

from coins import ways


def test_nothing_to_pay():
    assert ways(0, [1, 2, 5]) == 1


def test_no_coins():
    assert ways(5, []) == 0


def test_one_kind_of_coin():
    assert ways(4, [2]) == 1
    assert ways(3, [2]) == 0


def test_two_kinds():
    # 4 = 1+1+1+1 = 1+1+2 = 2+2
    assert ways(4, [1, 2]) == 3


def test_three_kinds():
    assert ways(5, [1, 2, 5]) == 4
    assert ways(10, [1, 2, 5]) == 10


def test_order_of_the_coins_does_not_matter():
    assert ways(10, [5, 2, 1]) == 10


def test_amount_that_cannot_be_paid():
    assert ways(7, [2, 4]) == 0


def test_euro_coins():
    assert ways(100, [1, 2, 5, 10, 20, 50, 100]) == 4563

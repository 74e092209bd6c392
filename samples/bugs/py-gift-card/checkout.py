"""What a customer pays at checkout, in cents: the basket, less a gift card, plus shipping."""

SHIPPING = 495
FREE_SHIPPING_FROM = 5000


def shipping(subtotal):
    """Shipping is free on baskets of FREE_SHIPPING_FROM or more (before any gift card)."""
    return 0 if subtotal >= FREE_SHIPPING_FROM else SHIPPING


def amount_due(prices, gift_card=0):
    """The basket's total less the gift card's balance (a card can pay for at most the basket,
    never for shipping), plus shipping."""
    subtotal = sum(prices)
    goods = subtotal - gift_card
    return goods + shipping(subtotal)


def card_left(prices, gift_card):
    """What remains on the gift card after paying for the basket."""
    return max(gift_card - sum(prices), 0)

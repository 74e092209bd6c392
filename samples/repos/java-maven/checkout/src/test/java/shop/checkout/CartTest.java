package shop.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CartTest {
    @Test
    void anEmptyCartCostsNothing() {
        assertEquals(0, new Cart().total());
    }

    @Test
    void addsEveryLine() {
        assertEquals(2500, new Cart().add(1000, 2).add(250, 2).total());
    }

    @Test
    void discountsTheWholeCart() {
        assertEquals(2250, new Cart().add(1000, 2).add(250, 2).discount(10).total());
    }
}

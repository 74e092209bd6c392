package shop.pricing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class DiscountTest {
    @Test
    public void takesThePercentOff() {
        assertEquals(750, Discount.apply(1000, 25));
    }

    @Test
    public void noDiscountKeepsThePrice() {
        assertEquals(1999, Discount.apply(1999, 0));
    }

    @Test
    public void roundsDownToTheCent() {
        assertEquals(669, Discount.apply(999, 33));
    }

    @Test
    public void refusesMoreThanAHundredPercent() {
        assertThrows(IllegalArgumentException.class, () -> Discount.apply(100, 101));
    }
}

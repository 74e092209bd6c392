import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InterestTest {
    @Test
    void oneYearYearly() {
        assertEquals(105_000, Interest.balanceCents(100_000, 0.05, 1, 1));
    }

    @Test
    void tenYearsMonthly() {
        // 1000.00 at 6% compounded monthly for 10 years.
        assertEquals(181_940, Interest.balanceCents(100_000, 0.06, 12, 10));
    }

    @Test
    void noTimeNoInterest() {
        assertEquals(0, Interest.earnedCents(100_000, 0.05, 4, 0));
    }

    @Test
    void zeroRateKeepsThePrincipal() {
        assertEquals(50_000, Interest.balanceCents(50_000, 0.0, 12, 3));
    }

    @Test
    void compoundingMoreOftenEarnsMore() {
        long yearly = Interest.earnedCents(100_000, 0.04, 1, 5);
        long daily = Interest.earnedCents(100_000, 0.04, 365, 5);
        assertEquals(true, daily > yearly, daily + " should exceed " + yearly);
    }

    @Test
    void rejectsZeroCompounding() {
        assertThrows(IllegalArgumentException.class, () -> Interest.balanceCents(100, 0.05, 0, 1));
    }
}

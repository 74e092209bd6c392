import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatesTest {
    @Test
    void ordinaryDate() {
        assertTrue(Dates.isValid(2024, 7, 14));
    }

    @Test
    void leapDay() {
        assertTrue(Dates.isValid(2024, 2, 29));
    }

    @Test
    void noLeapDayIn2023() {
        assertFalse(Dates.isValid(2023, 2, 29));
    }

    @Test
    void thirtyFirstOfApril() {
        assertFalse(Dates.isValid(2024, 4, 31));
    }

    @Test
    void dayZero() {
        assertFalse(Dates.isValid(2024, 1, 0));
    }

    @Test
    void thirteenthMonth() {
        assertFalse(Dates.isValid(2024, 13, 1));
    }
}

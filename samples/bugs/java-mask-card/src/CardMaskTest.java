import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CardMaskTest {
    @Test
    void keepsTheLastFourDigits() {
        assertEquals("************1111", CardMask.mask("4111111111111111"));
    }

    @Test
    void ignoresSpacesAndDashes() {
        assertEquals("************4321", CardMask.mask("5500 0000-0000 4321"));
    }

    @Test
    void keepsTheLengthOfTheNumber() {
        assertEquals(15, CardMask.mask("378282246310005").length());
    }

    @Test
    void rejectsLetters() {
        assertThrows(IllegalArgumentException.class, () -> CardMask.mask("4111-abcd-1111-1111"));
    }

    @Test
    void rejectsShortNumbers() {
        assertThrows(IllegalArgumentException.class, () -> CardMask.mask("12345"));
    }
}

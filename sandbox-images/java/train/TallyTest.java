import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TallyTest {
    @Test
    void counts() {
        assertEquals(Map.of("a", 2L, "b", 1L), Tally.count(List.of("a", "b", "a")));
    }

    @Test
    void sums() {
        assertEquals(6, Tally.sum(1, 2, 3));
    }

    @Test
    void ranges() {
        assertTrue(new Tally.Range(0, 2).contains(1));
        assertThrows(ArithmeticException.class, () -> Tally.sum(1 / (Tally.sum() * 0)));
    }

    @Test
    void fails() {
        assertEquals(1, Tally.sum(2), "a failing test: the failure path is loaded too");
    }
}

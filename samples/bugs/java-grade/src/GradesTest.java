import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GradesTest {
    @Test
    void topScoreIsA() {
        assertEquals('A', Grades.letter(100));
    }

    @Test
    void ninetyIsA() {
        assertEquals('A', Grades.letter(90));
    }

    @Test
    void eightyNineIsB() {
        assertEquals('B', Grades.letter(89));
    }

    @Test
    void fiftyNineIsF() {
        assertEquals('F', Grades.letter(59));
    }

    @Test
    void averageIsRounded() {
        // (88 + 91 + 90) / 3 = 89.67, which rounds to 90.
        assertEquals('A', Grades.average(88, 91, 90));
    }

    @Test
    void outOfRangeIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Grades.letter(101));
    }
}

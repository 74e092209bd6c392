import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinarySearchTest {
    private static final int[] VALUES = {1, 3, 5, 7, 9};

    @Test
    void findsTheMiddle() {
        assertEquals(2, BinarySearch.indexOf(VALUES, 5));
    }

    @Test
    void findsTheFirst() {
        assertEquals(0, BinarySearch.indexOf(VALUES, 1));
    }

    @Test
    void findsTheLast() {
        assertEquals(4, BinarySearch.indexOf(VALUES, 9));
    }

    @Test
    void missingIsMinusOne() {
        assertEquals(-1, BinarySearch.indexOf(VALUES, 4));
    }
}

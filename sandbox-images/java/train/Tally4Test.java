import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class Tally4Test {
    @Test
    public void sums() {
        assertEquals(3, Tally.sum(1, 2));
    }
}

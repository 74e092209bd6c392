package shop;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class ReceiptTest {
    @Test
    public void padsTheNameSoThatPricesLineUp() {
        assertEquals(List.of("tea       2.50", "bread     3.10"), new Receipt(14).add("tea", 250).add("bread", 310).lines());
    }

    @Test
    public void everyLineIsTheReceiptsWidth() {
        for (String line : new Receipt(20).add("milk", 99).add("a very long name", 12345).lines()) {
            assertEquals(20, line.length());
        }
    }

    @Test
    public void abbreviatesALongName() {
        assertEquals(List.of("a very l... 123.45"), new Receipt(18).add("a very long name", 12345).lines());
    }
}

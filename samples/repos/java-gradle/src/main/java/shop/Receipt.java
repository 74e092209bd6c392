package shop;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.lang3.StringUtils;

/** A till receipt: one line per item, the name padded so that the prices line up. */
public final class Receipt {
    private final int width;
    private final List<String> lines = new ArrayList<>();

    public Receipt(int width) {
        this.width = width;
    }

    public Receipt add(String item, long cents) {
        String price = String.format("%d.%02d", cents / 100, cents % 100);
        String name = StringUtils.abbreviate(item, width - price.length() - 1);
        lines.add(StringUtils.rightPad(name, width - price.length() + 1) + price);
        return this;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}

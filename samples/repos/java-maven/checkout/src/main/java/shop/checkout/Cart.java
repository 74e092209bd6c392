package shop.checkout;

import java.util.ArrayList;
import java.util.List;
import shop.pricing.Discount;

/** A shopping cart: lines of a price in cents and a quantity, and one discount for all. */
public final class Cart {
    private record Line(long cents, int quantity) {
    }

    private final List<Line> lines = new ArrayList<>();
    private int percentOff;

    public Cart add(long cents, int quantity) {
        lines.add(new Line(cents, quantity));
        return this;
    }

    public Cart discount(int percent) {
        percentOff = percent;
        return this;
    }

    public long total() {
        long sum = 0;
        for (Line line : lines) {
            sum += line.cents() * line.quantity();
        }
        return Discount.apply(sum, percentOff);
    }
}

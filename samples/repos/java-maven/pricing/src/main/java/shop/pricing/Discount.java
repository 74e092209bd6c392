package shop.pricing;

/** Prices in cents, discounts in whole percent. */
public final class Discount {
    private Discount() {
    }

    /** The price after taking {@code percent} off, rounded down to the cent. */
    public static long apply(long cents, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0 to 100, was " + percent);
        }
        return cents * (100 + percent) / 100;
    }
}

/** Masks a payment card number for display, keeping only its last four digits. */
public final class CardMask {
    private static final int VISIBLE = 4;

    private CardMask() {
    }

    public static String mask(String cardNumber) {
        // People type spaces and dashes between digit groups; they are not part of the number.
        String digits = cardNumber.replaceAll("[ -]", "");
        if (!digits.matches("[0-9]{12,19}")) {
            throw new IllegalArgumentException("not a card number: " + cardNumber);
        }
        int hidden = digits.length() - VISIBLE;
        return "*".repeat(hidden) + digits.substring(hidden + 1);
    }
}

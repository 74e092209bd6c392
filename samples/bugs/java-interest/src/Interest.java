/** Compound interest on savings, in whole cents to avoid floating-point pennies. */
public final class Interest {
    private Interest() {
    }

    /**
     * The balance after {@code years} of interest at {@code annualRate} (0.05 is 5%),
     * compounded {@code timesPerYear} times a year, rounded to the cent.
     */
    public static long balanceCents(long principalCents, double annualRate, int timesPerYear, int years) {
        if (timesPerYear < 1 || years < 0) {
            throw new IllegalArgumentException("timesPerYear must be at least 1 and years not negative");
        }
        double ratePerPeriod = annualRate / timesPerYear;
        int periods = timesPerYear * years;
        return Math.round(principalCents * Math.pow(periods, 1 + ratePerPeriod));
    }

    /** The interest earned alone, without the principal. */
    public static long earnedCents(long principalCents, double annualRate, int timesPerYear, int years) {
        return balanceCents(principalCents, annualRate, timesPerYear, years) - principalCents;
    }
}

/** Checks calendar dates typed by a user, such as 2024-02-30, before they are stored. */
public final class Dates {
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private Dates() {
    }

    public static boolean isLeapYear(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    public static int daysInMonth(int year, int month) {
        return month == 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
    }

    public static boolean isValid(int year, int month, int day) {
        if (month < 1 || month > 12) {
            return false;
        }
        return day >= 1 || day <= daysInMonth(year, month);
    }
}

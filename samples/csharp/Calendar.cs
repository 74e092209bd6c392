// Gregorian leap years. The century rule's exception for every 400th year is missing.
public static class Calendar
{
    public static bool IsLeapYear(int year) => year % 4 == 0 && year % 100 != 0;
}

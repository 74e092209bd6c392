using Xunit;

public class CalendarTests
{
    [Fact]
    public void OrdinaryLeapYear() => Assert.True(Calendar.IsLeapYear(2024));

    [Fact]
    public void OrdinaryYear() => Assert.False(Calendar.IsLeapYear(2023));

    [Fact]
    public void CenturyIsNotLeap() => Assert.False(Calendar.IsLeapYear(1900));

    [Fact]
    public void FourHundredthYearIsLeap() => Assert.True(Calendar.IsLeapYear(2000));
}

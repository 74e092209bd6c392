using Calc;
using Xunit;

namespace Calc.Tests;

public class GcdTests
{
    [Theory]
    [InlineData(12, 18, 6)]
    [InlineData(-4, 6, 2)]
    [InlineData(7, 0, 7)]
    public void Gcd_IsTheGreatestCommonDivisor(int a, int b, int gcd) => Assert.Equal(gcd, Fractions.Gcd(a, b));
}

using Calc;
using Xunit;

namespace Calc.More.Tests;

public class ReduceTests
{
    [Fact]
    public void Reduce_DividesByTheGcd() => Assert.Equal((2, 3), Fractions.Reduce(4, 6));

    [Fact]
    public void Reduce_PutsTheSignOnTheNumerator() => Assert.Equal((-1, 2), Fractions.Reduce(3, -6));

    [Fact]
    public void Reduce_RefusesZeroDenominators() => Assert.Throws<DivideByZeroException>(() => Fractions.Reduce(1, 0));
}

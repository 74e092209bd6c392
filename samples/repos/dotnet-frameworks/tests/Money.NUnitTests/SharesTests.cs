using Money;
using NUnit.Framework;

namespace Money.NUnitTests;

public class SharesTests
{
    [TestCase(10, 3, new[] { 4, 3, 3 })]
    [TestCase(9, 3, new[] { 3, 3, 3 })]
    [TestCase(5, 1, new[] { 5 })]
    public void Split_GivesTheOddCentsToTheFirstParts(int total, int parts, int[] expected) =>
        Assert.That(Shares.Split(total, parts), Is.EqualTo(expected));

    [Test]
    public void Split_RefusesNoParts() => Assert.Throws<ArgumentOutOfRangeException>(() => Shares.Split(10, 0));
}

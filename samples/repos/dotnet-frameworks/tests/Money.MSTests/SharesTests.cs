using Microsoft.VisualStudio.TestTools.UnitTesting;
using Money;

namespace Money.MSTests;

[TestClass]
public class SharesTests
{
    [TestMethod]
    public void Split_KeepsTheTotal() => Assert.AreEqual(1001, Shares.Split(1001, 7).Sum());

    [TestMethod]
    public void Split_EvenTotal_EqualParts() => CollectionAssert.AreEqual(new[] { 2, 2 }, Shares.Split(4, 2));
}

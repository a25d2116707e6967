using System.Numerics;
using Xunit;

namespace LeveragedTokens.Exports.Tests;

public sealed class WadTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "0.000000000000000001")]
    [InlineData("1500000000000000000", "1.5")]
    [InlineData("1000000000000000000", "1")]
    [InlineData("-2500000000000000000", "-2.5")]
    [InlineData("-1", "-0.000000000000000001")]
    [InlineData("000123", "0.000000000000000123")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935",
        "115792089237316195423570985008687907853269984665640564039457.584007913129639935")]
    [InlineData("-57896044618658097711785492504343953926634992332820282019728792003956564819968",
        "-57896044618658097711785492504343953926634992332820282019728.792003956564819968")]
    public void ScalesByTenToTheEighteenExactly(string integer, string expected) =>
        Assert.Equal(expected, Wad.Exact(integer));

    [Fact]
    public void BasisPointsScaleByTenThousand() => Assert.Equal("1.0523", Wad.Exact("10523", 4));

    [Fact]
    public void HugeIntegersRoundTripThroughTheirDecimal()
    {
        var random = new Random(42);
        var bytes = new byte[32];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(bytes);
            var value = new BigInteger(bytes, isUnsigned: i % 2 == 0) >> random.Next(0, 250);
            Assert.Equal(value, Wad.Parse(Wad.Exact(value)));
        }
        Assert.Equal(Wad.Uint256Max, Wad.Parse(Wad.Exact(Wad.Uint256Max)));
        Assert.Equal(ChainRows.Int256Min, Wad.Parse(Wad.Exact(ChainRows.Int256Min)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.5")]
    [InlineData("12a")]
    public void RejectsWhatIsNotAnInteger(string text) =>
        Assert.ThrowsAny<ArgumentException>(() => { try { Wad.Exact(text); } catch (FormatException e) { throw new ArgumentException(e.Message); } });
}

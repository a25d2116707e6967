using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>Well-formed logs of the public interface, encoded by hand for the emitter to replay.</summary>
public static class ProtocolLogs
{
    private static readonly ABIEncode Abi = new();

    public static string Word(BigInteger value) =>
        "0x" + (value < 0 ? (BigInteger.Pow(2, 256) + value) : value).ToString("x").TrimStart('0').PadLeft(64, '0')[^64..];

    public static string AddressTopic(string address) => "0x" + address[2..].ToLowerInvariant().PadLeft(64, '0');

    private static string Data(params BigInteger[] words) => "0x" + string.Concat(words.Select(w => Word(w)[2..]));

    public static RawLog PoolRegistered(string pool, string underlying, ushort floorBps) => new(
        [EventCatalog.ReservePoolRegistered.Topic0, AddressTopic(pool)],
        Abi.GetABIEncoded(new ABIValue("string", underlying), new ABIValue("uint16", floorBps)).ToHex(true));

    public static RawLog TokenRegistered(string token, string pool, string symbol, bool isLong = true) => new(
        [EventCatalog.TokenRegistered.Topic0, AddressTopic(token), AddressTopic(pool)],
        Abi.GetABIEncoded(new ABIValue("string", symbol), new ABIValue("bool", isLong),
            new ABIValue("uint256", BigInteger.Parse("3000000000000000000")), new ABIValue("uint256", BigInteger.Parse("2500000000000000000")),
            new ABIValue("uint256", BigInteger.Parse("3500000000000000000")), new ABIValue("uint32", 86400u)).ToHex(true));

    public static RawLog NavSnapshot(BigInteger hour, BigInteger nav, BigInteger leverage, BigInteger mark, BigInteger supply) => new(
        [EventCatalog.NavSnapshot.Topic0, Word(hour)], Data(nav, leverage, mark, supply));

    public static RawLog Rebalanced(BigInteger id, byte trigger, params BigInteger[] elevenWords) => new(
        [EventCatalog.Rebalanced.Topic0, Word(id), Word(trigger)], Data(elevenWords));

    public static RawLog ReserveMetrics(BigInteger hour, params BigInteger[] sevenWords) => new(
        [EventCatalog.ReserveMetricsPublished.Topic0, Word(hour)], Data(sevenWords));

    public static RawLog FeesAllocated(BigInteger amount, BigInteger newBalance) => new([EventCatalog.FeesAllocated.Topic0], Data(amount, newBalance));

    public static readonly BigInteger MaxUint256 = BigInteger.Pow(2, 256) - 1;
    public static readonly BigInteger MinInt256 = -BigInteger.Pow(2, 255);
}

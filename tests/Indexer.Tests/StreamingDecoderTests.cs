using System.Reflection;
using System.Text;
using Nethereum.RPC.Eth.DTOs;
using Newtonsoft.Json;
using static LeveragedTokens.Indexer.Tests.Support.ProtocolLogs;

namespace LeveragedTokens.Indexer.Tests;

/// <summary>
/// The log reader and word decoder of the fast path against Nethereum (Newtonsoft JSON, its ABI decoder) on
/// the same eth_getLogs answer: values at the edges of uint256/int256, empty data, fields no node sends today,
/// JSON escapes inside hex strings, upper-case hex and a removed log.
/// </summary>
public sealed class StreamingDecoderTests
{
    private const string Token = "0x00000000000000000000000000000000000000aa";
    private const string Pool = "0x00000000000000000000000000000000000000bb";
    private static readonly string BlockHash = "0x" + new string('c', 64);

    [Fact]
    public void EveryFieldOfEveryLogMatchesNethereumsReadingOfTheSameAnswer()
    {
        var rebalances = new[]
        {
            Rebalanced(ulong.MaxValue >> 1, 255, 1, MaxUint256, MaxUint256, 0, MaxUint256, 1, MaxUint256, 0, MaxUint256, MaxUint256, MaxUint256),
            Rebalanced(1, 0, 0, 0, 0, 0, 0, 0, 0, MaxUint256, 0, 0, 0),
        };
        var metrics = ReserveMetrics(long.MaxValue, MaxUint256, 1, 0, MaxUint256 - 1, BigInteger.Pow(10, 77), MaxUint256, MinInt256);
        var answer = Answer(
            Log(Token, rebalances[0], 0, extra: "\"extra\":{\"nested\":[1,2.5,{\"x\":null}]},\"transactionLogIndex\":\"0x0\","),
            Log(Token, rebalances[1], 1, removed: true),
            Log(Pool, metrics, 2, escape: true),
            Log(Pool, new RawLog([EventCatalog.FeesAllocated.Topic0.ToUpperInvariant().Replace("0X", "0x")], "0x"), 3));

        var ours = System.Text.Json.JsonSerializer.Deserialize<RpcLog[]>(answer)!;
        var theirs = JsonConvert.DeserializeObject<FilterLog[]>(answer)!;

        Assert.Equal(4, ours.Length);
        for (var i = 0; i < ours.Length; i++) AssertSameLog(theirs[i], ours[i]);
        Assert.True(ours[1].Removed);
        Assert.Equal("0x", ours[3].Data);

        for (var i = 0; i < rebalances.Length; i++)
            AssertSameEvent(theirs[i].DecodeEvent<RebalancedEvent>().Event, EventCatalog.Decode<RebalancedEvent>(ours[i].Topics, ours[i].Data));
        AssertSameEvent(theirs[2].DecodeEvent<ReserveMetricsPublishedEvent>().Event,
            EventCatalog.Decode<ReserveMetricsPublishedEvent>(ours[2].Topics, ours[2].Data));

        // And the rows the indexer stores from them: exact integers, the position of each log, empty data refused.
        var batch = new ChainBatch();
        var decoder = new LogDecoder(31337);
        decoder.Decode(ours[0], WatchRole.Token, batch);
        decoder.Decode(ours[1], WatchRole.Token, batch);
        decoder.Decode(ours[2], WatchRole.Pool, batch);
        decoder.Decode(ours[3], WatchRole.Pool, batch);
        var first = batch.Rebalances[0];
        Assert.Equal((long)(ulong.MaxValue >> 1), first.RebalanceId);
        Assert.Equal(255, (int)first.Trigger);
        Assert.Equal(MaxUint256, first.Amount);
        Assert.Equal(-MaxUint256, first.NavDelta);
        Assert.Equal(MaxUint256, batch.Rebalances[1].NavDelta);
        Assert.Equal(MinInt256, batch.ReserveMetrics[0].BufferDepth);
        Assert.Equal(long.MaxValue, batch.ReserveMetrics[0].Hour);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(0x6553f100), first.BlockTime);
        Assert.Contains("expects 64 data bytes, log has 0", Assert.Single(batch.DecodeFailures).Error, StringComparison.Ordinal);
    }

    private static void AssertSameLog(FilterLog theirs, RpcLog ours)
    {
        Assert.Equal(theirs.Address.ToLowerInvariant(), ours.Address);
        Assert.Equal(theirs.Topics.Select(t => t.ToString()!.ToLowerInvariant()), ours.Topics);
        Assert.Equal(theirs.Data.ToLowerInvariant(), ours.Data);
        Assert.Equal(theirs.BlockHash.ToLowerInvariant(), ours.BlockHash);
        Assert.Equal(theirs.TransactionHash.ToLowerInvariant(), ours.TxHash);
        Assert.Equal((long)theirs.BlockNumber.Value, ours.BlockNumber);
        Assert.Equal((int)theirs.LogIndex.Value, ours.LogIndex);
        Assert.Equal((int)theirs.TransactionIndex.Value, ours.TxIndex);
        Assert.Equal(theirs.Removed, ours.Removed);
        Assert.Equal(0x6553f100, ours.BlockTimestamp);
    }

    /// <summary>Every [Parameter] property of the event, compared by value.</summary>
    private static void AssertSameEvent<T>(T theirs, T ours) where T : IEventDTO
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null))
            Assert.True(Equals(property.GetValue(theirs), property.GetValue(ours)), $"{typeof(T).Name}.{property.Name}: {property.GetValue(theirs)} vs {property.GetValue(ours)}");
    }

    private static string Answer(params string[] logs) => $"[{string.Join(",", logs)}]";

    /// <summary>
    /// One log as a node would send it (anvil's field order); <paramref name="escape"/> writes its hex with
    /// JSON escapes (legal, if no node does it) and upper-case digits.
    /// </summary>
    private static string Log(string address, RawLog log, int index, string extra = "", bool removed = false, bool escape = false)
    {
        string Hex(string hex) => escape ? Escaped(hex) : hex;
        return "{" + extra +
            $"\"address\":\"{Hex(address)}\",\"topics\":[{string.Join(",", log.Topics.Select(t => $"\"{Hex(t)}\""))}]," +
            $"\"data\":\"{Hex(escape ? log.Data.ToUpperInvariant().Replace("0X", "0x") : log.Data)}\",\"blockHash\":\"{Hex(BlockHash)}\"," +
            $"\"blockNumber\":\"0x10\",\"blockTimestamp\":\"0x6553f100\",\"transactionHash\":\"{Hex("0x" + new string('d', 64))}\"," +
            $"\"transactionIndex\":\"0x{index:x}\",\"logIndex\":\"0x{index:x}\",\"removed\":{(removed ? "true" : "false")}}}";
    }

    /// <summary>"0x12…" as "\u0030x\u0031\u0032…": every digit escaped.</summary>
    private static string Escaped(string hex)
    {
        var text = new StringBuilder("\\u0030x");
        foreach (var c in hex[2..]) text.Append($"\\u{(int)c:x4}");
        return text.ToString();
    }
}

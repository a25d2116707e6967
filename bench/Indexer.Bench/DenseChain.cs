using System.Numerics;
using System.Text.Json;
using LeveragedTokens.Indexer.Decoding;
using LeveragedTokens.TestSupport;
using Nethereum.ABI;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>
/// A registry and one token played by the test emitter contract; the token emits Rebalanced logs
/// (rebalanceId counting up, 11 realistic uint256 words) a fixed number per block, one transaction a block.
/// </summary>
public static class DenseChain
{
    private const string Sender = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    /// <summary>The registry and the token addresses.</summary>
    public static async Task<(string Registry, string Token)> BuildAsync(AnvilNode anvil, int events, int perBlock)
    {
        var registry = await DeployAsync(anvil);
        var token = await DeployAsync(anvil);
        var abi = new ABIEncode();
        var registration = abi.GetABIEncoded(new ABIValue("string", "BENCH3L"), new ABIValue("bool", true),
            new ABIValue("uint256", 3 * Wad), new ABIValue("uint256", 25 * Wad / 10), new ABIValue("uint256", 35 * Wad / 10),
            new ABIValue("uint32", 86400u)).ToHex(true);
        await SendAsync(anvil, registry, new EmitLog
        {
            Topics = [EventCatalog.TokenRegistered.Topic0.HexToByteArray(), Pad(token).HexToByteArray(), Pad(registry).HexToByteArray()],
            Data = registration.HexToByteArray(),
        }.GetCallData().ToHex(true), 1_000_000);
        // isBuy, amount, mark, execution, leverage before/after, NAV before/after, slippage, gas, reserve draw.
        BigInteger[] words = [1, 12 * Wad / 10, 64_000 * Wad, 64_050 * Wad, 36 * Wad / 10, 3 * Wad, 101 * Wad, 100 * Wad, 60 * Wad, 2 * Wad, 40 * Wad];
        var data = words.SelectMany(w => w.ToByteArray(isUnsigned: true, isBigEndian: true).PadLeftTo(32)).ToArray();
        string? last = null;
        for (var start = 0; start < events; start += perBlock)
        {
            last = await SendAsync(anvil, token, new EmitDense3
            {
                Topic0 = EventCatalog.Rebalanced.Topic0.HexToByteArray(), Start = start + 1, Count = Math.Min(perBlock, events - start),
                Topic2 = new byte[32], Data = data,
            }.GetCallData().ToHex(true), 29_000_000);
            // eth_sendTransaction answers before the block is mined, and anvil mines slower and slower behind a
            // pool of thousands of pending transactions: keep the pool short.
            if (start / perBlock % 16 == 15) await ReceiptAsync(anvil, last);
        }
        await ReceiptAsync(anvil, last!);
        return (registry, token);
    }

    private static async Task<JsonElement> ReceiptAsync(AnvilNode anvil, string tx)
    {
        for (var polls = 1; ; polls++)
        {
            var receipt = await anvil.CallAsync("eth_getTransactionReceipt", tx);
            if (receipt.ValueKind == JsonValueKind.Object) return receipt;
            // A transaction that arrives while anvil mines the previous one can stay pending until the next
            // arrives; nothing else will arrive, so mine it.
            if (polls % 40 == 0) await anvil.CallAsync("evm_mine");
            await Task.Delay(5);
        }
    }

    private static byte[] PadLeftTo(this byte[] bytes, int length) => [.. new byte[length - bytes.Length], .. bytes];

    private static string Pad(string address) => "0x" + address[2..].PadLeft(64, '0');

    private static async Task<string> DeployAsync(AnvilNode anvil)
    {
        var artifact = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "contracts", "LogEmitter.json")));
        var tx = (await anvil.CallAsync("eth_sendTransaction", new { from = Sender, data = artifact.RootElement.GetProperty("bytecode").GetString(), gas = "0x500000" })).GetString()!;
        return (await ReceiptAsync(anvil, tx)).GetProperty("contractAddress").GetString()!.ToLowerInvariant();
    }

    private static async Task<string> SendAsync(AnvilNode anvil, string to, string data, long gas) =>
        (await anvil.CallAsync("eth_sendTransaction", new { from = Sender, to, data, gas = "0x" + gas.ToString("x") })).GetString()!;

    [Function("emitLog")]
    private sealed class EmitLog : FunctionMessage
    {
        [Parameter("bytes32[]", "topics", 1)] public List<byte[]> Topics { get; set; } = [];
        [Parameter("bytes", "data", 2)] public byte[] Data { get; set; } = [];
    }

    [Function("emitDense3")]
    private sealed class EmitDense3 : FunctionMessage
    {
        [Parameter("bytes32", "topic0", 1)] public byte[] Topic0 { get; set; } = [];
        [Parameter("uint256", "start", 2)] public BigInteger Start { get; set; }
        [Parameter("uint256", "count", 3)] public BigInteger Count { get; set; }
        [Parameter("bytes32", "topic2", 4)] public byte[] Topic2 { get; set; } = [];
        [Parameter("bytes", "data", 5)] public byte[] Data { get; set; } = [];
    }
}

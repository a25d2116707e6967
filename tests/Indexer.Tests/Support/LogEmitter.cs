using System.Text.Json;
using Nethereum.Hex.HexConvertors.Extensions;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>
/// The test emitter contract (contracts/LogEmitter.sol) on a real anvil: it plays a registry, a
/// pool or a token by emitting whatever raw logs a test asks for.
/// </summary>
public sealed class LogEmitter(AnvilNode anvil, string address)
{
    public const string Sender = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    public string Address { get; } = address.ToLowerInvariant();

    public static async Task<LogEmitter> DeployAsync(AnvilNode anvil)
    {
        var artifact = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "contracts", "LogEmitter.json")));
        var bytecode = artifact.RootElement.GetProperty("bytecode").GetString()!;
        var tx = (await anvil.CallAsync("eth_sendTransaction", new { from = Sender, data = bytecode, gas = "0x500000" })).GetString()!;
        var receipt = await WaitForReceiptAsync(anvil, tx);
        return new LogEmitter(anvil, receipt.GetProperty("contractAddress").GetString()!);
    }

    /// <summary>
    /// anvil answers eth_sendTransaction before its automined block is visible: a test that reads the
    /// head right after sending must wait for the receipt, or it races the node.
    /// </summary>
    public static async Task<JsonElement> WaitForReceiptAsync(AnvilNode anvil, string tx)
    {
        var receipt = await anvil.CallAsync("eth_getTransactionReceipt", tx);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); receipt.ValueKind == JsonValueKind.Null && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(20);
            receipt = await anvil.CallAsync("eth_getTransactionReceipt", tx);
        }
        return receipt.ValueKind == JsonValueKind.Null ? throw new TimeoutException($"no receipt for {tx}") : receipt;
    }

    /// <summary>One log (one transaction, one block with automine). Returns the tx hash.</summary>
    public Task<string> EmitAsync(IReadOnlyList<string> topics, string data) =>
        SendAsync(new EmitLogFunction { Topics = topics.Select(t => t.HexToByteArray()).ToList(), Data = data.HexToByteArray() }.GetCallData().ToHex(true));

    public Task<string> EmitAsync(RawLog log) => EmitAsync(log.Topics, log.Data);

    /// <summary>Several logs in one transaction (same block).</summary>
    public Task<string> EmitManyAsync(IReadOnlyList<RawLog> logs) => SendAsync(EmitManyCallData(logs));

    public static string EmitManyCallData(IReadOnlyList<RawLog> logs) => new EmitLogsFunction
    {
        Topics = logs.SelectMany(l => l.Topics).Select(t => t.HexToByteArray()).ToList(),
        TopicCounts = logs.Select(l => new BigInteger(l.Topics.Count)).ToList(),
        Datas = logs.Select(l => l.Data.HexToByteArray()).ToList(),
    }.GetCallData().ToHex(true);

    /// <summary>count logs (topic0, start + i) with the same data, in one transaction.</summary>
    public Task<string> EmitDenseAsync(string topic0, long start, int count, string data) => SendAsync(DenseCallData(topic0, start, count, data), 29_000_000);

    public static string DenseCallData(string topic0, long start, int count, string data) => new EmitDenseFunction
    {
        Topic0 = topic0.HexToByteArray(), Start = start, Count = count, Data = data.HexToByteArray(),
    }.GetCallData().ToHex(true);

    // A modest gas limit lets several emits share a block when automine is off; dense emits need the whole block.
    public object TxRequest(string callData, long gas = 1_000_000) => new { from = Sender, to = Address, data = callData, gas = "0x" + gas.ToString("x") };

    private async Task<string> SendAsync(string callData, long gas = 1_000_000) =>
        (await anvil.CallAsync("eth_sendTransaction", TxRequest(callData, gas))).GetString()!;

    [Function("emitLog")]
    private sealed class EmitLogFunction : FunctionMessage
    {
        [Parameter("bytes32[]", "topics", 1)] public List<byte[]> Topics { get; set; } = [];
        [Parameter("bytes", "data", 2)] public byte[] Data { get; set; } = [];
    }

    [Function("emitLogs")]
    private sealed class EmitLogsFunction : FunctionMessage
    {
        [Parameter("bytes32[]", "topics", 1)] public List<byte[]> Topics { get; set; } = [];
        [Parameter("uint256[]", "topicCounts", 2)] public List<BigInteger> TopicCounts { get; set; } = [];
        [Parameter("bytes[]", "datas", 3)] public List<byte[]> Datas { get; set; } = [];
    }

    [Function("emitDense")]
    private sealed class EmitDenseFunction : FunctionMessage
    {
        [Parameter("bytes32", "topic0", 1)] public byte[] Topic0 { get; set; } = [];
        [Parameter("uint256", "start", 2)] public BigInteger Start { get; set; }
        [Parameter("uint256", "count", 3)] public BigInteger Count { get; set; }
        [Parameter("bytes", "data", 4)] public byte[] Data { get; set; } = [];
    }
}

/// <summary>A log to emit: topics and data as 0x hex.</summary>
public sealed record RawLog(IReadOnlyList<string> Topics, string Data);

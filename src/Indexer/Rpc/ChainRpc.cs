using LeveragedTokens.Indexer.Options;
using Nethereum.JsonRpc.Client;
using Newtonsoft.Json.Linq;

namespace LeveragedTokens.Indexer.Rpc;

/// <summary>
/// The JSON-RPC calls the indexer makes, over one or more nodes. A failing node hands over to
/// the next one; retries of single calls live in <see cref="RpcRetry"/>.
/// </summary>
public sealed class ChainRpc(IReadOnlyList<(string Url, IClient Client)> nodes)
{
    private int _current;

    public string CurrentNode => RpcLogText.Redact(nodes[_current % nodes.Count].Url);

    /// <summary>Switch to the next node after a failure (no-op with one node).</summary>
    public void Rotate() => Interlocked.Increment(ref _current);

    public async Task<T> CallAsync<T>(string method, params object[] parameters)
    {
        var node = nodes[(int)((uint)Volatile.Read(ref _current) % (uint)nodes.Count)];
        var request = new RpcRequest(Guid.NewGuid().ToString("N"), method, parameters);
        return await node.Client.SendRequestAsync<T>(request).ConfigureAwait(false);
    }

    public async Task<long> ChainIdAsync() => Hex.ToLong(await CallAsync<string>("eth_chainId"));

    public async Task<long> BlockNumberAsync() => Hex.ToLong(await CallAsync<string>("eth_blockNumber"));

    public Task<string> CodeAsync(string address) => CallAsync<string>("eth_getCode", address, "latest");

    /// <summary>Null when the node does not (yet) have the block.</summary>
    public Task<BlockHeader?> HeaderAsync(long number) =>
        CallAsync<BlockHeader?>("eth_getBlockByNumber", Hex.From(number), false);

    public async Task<RpcLog[]> LogsAsync(long from, long to, IReadOnlyCollection<string> addresses, IReadOnlyCollection<string>? topic0s)
    {
        var filter = new JObject
        {
            ["fromBlock"] = Hex.From(from),
            ["toBlock"] = Hex.From(to),
            ["address"] = new JArray(addresses.ToArray()),
        };
        if (topic0s is { Count: > 0 }) filter["topics"] = new JArray(new JArray(topic0s.ToArray()));
        return await CallAsync<RpcLog[]>("eth_getLogs", filter) ?? [];
    }
}

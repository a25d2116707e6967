using System.Runtime.CompilerServices;
using LeveragedTokens.Chain;

namespace LeveragedTokens.Exports.Chain;

/// <summary>eth_getLogs of some contracts over a block range, in calls small enough for public nodes (reconciliation and the verifier).</summary>
internal static class ChainLogs
{
    private const long BlocksPerCall = 2000;

    public static async IAsyncEnumerable<RpcLog> ReadAsync(ChainRpc chain, long from, long to, IReadOnlyCollection<string> addresses,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (addresses.Count == 0) yield break;
        for (var start = from; start <= to; start += BlocksPerCall)
            foreach (var log in await chain.LogsAsync(new LogFilter(start, Math.Min(to, start + BlocksPerCall - 1), addresses), ct))
                yield return log;
    }
}

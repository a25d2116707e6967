using LeveragedTokens.Chain;
namespace LeveragedTokens.Indexer.Rpc;

/// <summary>
/// Sanity checks on an eth_getLogs answer: a log outside the asked range or addresses, a removed
/// log, or the same position twice means the node (or something between) answered wrongly.
/// </summary>
public static class ResponseCheck
{
    public static string? Find(IReadOnlyList<RpcLog> logs, long from, long to, IReadOnlyList<string> addresses)
    {
        if (logs.Count == 0) return null;
        var watched = new HashSet<string>(addresses, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<(long, int)>();
        foreach (var log in logs)
        {
            if (log.BlockNumber < from || log.BlockNumber > to) return $"log at block {log.BlockNumber} outside {from}-{to}";
            if (!watched.Contains(log.Address)) return $"log of unwatched address {log.Address}";
            if (log.Removed) return $"removed log at block {log.BlockNumber}";
            if (log.BlockHash.Length != 66 || log.TxHash.Length != 66) return $"malformed hash at block {log.BlockNumber}";
            if (!seen.Add((log.BlockNumber, log.LogIndex))) return $"duplicate log {log.BlockNumber}/{log.LogIndex}";
        }
        return null;
    }
}

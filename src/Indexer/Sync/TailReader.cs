using LeveragedTokens.Chain;
using LeveragedTokens.Indexer.Rpc;

namespace LeveragedTokens.Indexer.Sync;

/// <summary>
/// Reads a stretch of the unfinalized window with the evidence a reorg check needs: every block
/// header, linked by parent hash to what is stored, and logs whose block hashes match those
/// headers. Anything that does not line up means the chain moved under us: the caller retries.
/// </summary>
public sealed class TailReader(ChainRpc rpc, LogFetcher fetcher, ILogger<TailReader> logger)
{
    public sealed record TailRead(List<BlockHeader> Headers, List<RpcLog> Logs);

    /// <summary>Null when the node's answers did not line up (reorg in flight, lagging node).</summary>
    public async Task<TailRead?> ReadAsync(long from, long to, string? parentHash, IReadOnlyList<string> addresses, CancellationToken ct)
    {
        var headers = new BlockHeader?[to - from + 1];
        await Parallel.ForEachAsync(Enumerable.Range(0, headers.Length), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => headers[i] = await rpc.HeaderAsync(from + i, token));
        for (var i = 0; i < headers.Length; i++)
        {
            var expectedParent = i == 0 ? parentHash : headers[i - 1]?.Hash;
            if (headers[i] is null || (expectedParent is not null && headers[i]!.ParentHash != expectedParent))
            {
                logger.LogInformation("Block {Number} does not link to the stored chain yet (reorg or lagging node); re-polling", from + i);
                return null;
            }
        }
        var byNumber = headers.ToDictionary(h => h!.Number, h => h!);

        var logs = await fetcher.FetchAsync(from, to, addresses, ct);
        foreach (var log in logs)
        {
            if (byNumber[log.BlockNumber].Hash != log.BlockHash)
            {
                logger.LogInformation("Log at block {Number} belongs to another fork than its header; re-polling", log.BlockNumber);
                return null;
            }
        }
        if (!await LogsMatchBloomsAsync(byNumber.Values, logs, addresses, ct)) return null;
        return new TailRead([.. byNumber.Values.OrderBy(h => h.Number)], logs);
    }

    private async Task<bool> LogsMatchBloomsAsync(IEnumerable<BlockHeader> headers, List<RpcLog> logs, IReadOnlyList<string> addresses, CancellationToken ct)
    {
        var withLogs = logs.Select(l => l.BlockNumber).ToHashSet();
        foreach (var header in headers)
        {
            if (withLogs.Contains(header.Number) || !addresses.Any(a => LogsBloom.MayContain(header.LogsBloom, a))) continue;
            // A bloom can say "maybe" falsely; ask for that block alone before distrusting the answer.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var again = await fetcher.FetchAsync(header.Number, header.Number, addresses, ct);
                if (again.Count > 0)
                {
                    logger.LogWarning("The node returned no logs for block {Number} but has some: re-reading the range", header.Number);
                    return false;
                }
            }
        }
        return true;
    }
}

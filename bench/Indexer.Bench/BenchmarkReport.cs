using LeveragedTokens.TestSupport;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>Replaces the indexer's section of docs/benchmarks.md (between its markers), leaving the others' sections alone.</summary>
public static class BenchmarkReport
{
    private const string Start = "<!-- indexer-bench:start -->";
    private const string End = "<!-- indexer-bench:end -->";

    public static async Task WriteAsync(BenchmarkResult result)
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "benchmarks.md");
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmarks\n";
        var section = string.Join('\n', Start, "## Indexer backfill", "",
            "`dotnet run -c Release --project bench/Indexer.Bench` (needs TEST_PG_ADMIN like the tests). Each chain is a fresh anvil where the",
            "test emitter contract registers one token and emits its Rebalanced logs (3 topics, 11 data words) a fixed number per block,",
            "one transaction a block. (a) the node's limit: eth_getLogs in 100-block calls, 4 in flight, a plain HttpClient and",
            "Utf8JsonReader counting logs; (b) COPY alone: the same logs fetched and decoded beforehand, the indexer's row encoders",
            "COPYing raw_events + rebalances into empty tables in one transaction; (c) the indexer host as run in production",
            "(`dotnet Indexer.dll --until-head`, default settings, jobs on, no confirmations) into an empty database, timed from",
            "process start to exit, its peak RSS (VmHWM) sampled from /proc. The last chain is (c) alone, for memory at 10x the events.",
            "Single run on the shared 2-core dev machine: anvil, Postgres, the indexer and other engineers' builds share the cores.", "",
            result.ToMarkdown(), End);
        var s = text.IndexOf(Start, StringComparison.Ordinal);
        var e = text.IndexOf(End, StringComparison.Ordinal);
        text = s >= 0 && e > s ? text[..s] + section + text[(e + End.Length)..] : text.TrimEnd() + "\n\n" + section + "\n";
        await File.WriteAllTextAsync(path, text);
    }
}

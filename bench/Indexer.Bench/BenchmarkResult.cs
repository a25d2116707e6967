using System.Globalization;

namespace LeveragedTokens.Indexer.Bench;

public sealed record BenchmarkResult(int Events, long Blocks, int Fetched, long Stored, TimeSpan Fetch, TimeSpan Copy, TimeSpan Index, DateTime At)
{
    private static string Rate(long n, TimeSpan t) => (n / t.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);

    public string ToMarkdown()
    {
        var slower = Fetch > Copy ? Fetch : Copy;
        var ratio = Index.TotalSeconds / slower.TotalSeconds;
        return string.Join('\n',
            "| | logs | time | logs/s |",
            "|---|---:|---:|---:|",
            $"| indexer backfill (fetch + decode + COPY/ON CONFLICT + checkpoint) | {Stored:N0} | {Index.TotalSeconds:F2} s | {Rate(Stored, Index)} |",
            $"| baseline: fetch the same logs alone | {Fetched:N0} | {Fetch.TotalSeconds:F2} s | {Rate(Fetched, Fetch)} |",
            $"| baseline: COPY the same rows alone | {Fetched:N0} | {Copy.TotalSeconds:F2} s | {Rate(Fetched, Copy)} |",
            "",
            $"Indexer / slower baseline: **{ratio:F2}x** (goal: at most 1.5x); indexer throughput **{Rate(Stored, Index)} events/s** (goal: at least 10,000).",
            $"{Events:N0} NavSnapshot events in {Blocks} blocks; measured {At:yyyy-MM-dd HH:mm} UTC.");
    }
}

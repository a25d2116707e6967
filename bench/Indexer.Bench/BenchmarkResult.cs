using System.Globalization;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>The chains of one bench run, side by side, and the issue's goals checked against them.</summary>
public sealed record BenchmarkResult(IReadOnlyList<ChainRun> Runs, DateTime At)
{
    private const long RssGoalBytes = 300L * 1024 * 1024;

    private static string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
    private static string S(TimeSpan? t) => t is { } v ? N(v.TotalSeconds, "F2") + " s" : "–";
    private static double EventsPerSecond(ChainRun r) => r.Stored / r.Indexer.Wall.TotalSeconds;
    private static string Met(bool met) => met ? "**met**" : "**not met**";

    private static double? LimitRatio(ChainRun r) =>
        r.Node is { } a && r.Copy is { } b ? r.Indexer.Wall.TotalSeconds / Math.Max(a.Time.TotalSeconds, b.Time.TotalSeconds) : null;

    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            $"Measured {At:yyyy-MM-dd HH:mm} UTC.",
            "",
            "| chain | blocks | (a) node limit | (b) COPY alone | (c) indexer, wall from process start | indexer events/s | start-up to first eth_getLogs | peak RSS | (c) / max(a, b) | load (`uptime` 1/5/15 min) before → after |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        };
        foreach (var r in Runs)
        {
            lines.Add($"| {N(r.Events)} Rebalanced, {r.PerBlock}/block | {N(r.Blocks)} | {S(r.Node?.Time)} | {S(r.Copy?.Time)} | {S(r.Indexer.Wall)} " +
                $"| {N(EventsPerSecond(r))} | {S(r.Indexer.StartUp)} | {N(r.Indexer.PeakRssBytes / 1048576.0)} MB " +
                $"| {(LimitRatio(r) is { } x ? N(x, "F2") + "x" : "–")} | {r.LoadBefore} → {r.LoadAfter} |");
        }
        lines.Add("");
        foreach (var r in Runs.Where(r => r.Node is not null))
        {
            lines.Add($"- {N(r.Events)} at {r.PerBlock}/block: wall ≤ 3x max(a, b): {Met(LimitRatio(r) <= 3)} ({N(LimitRatio(r)!.Value, "F2")}x); " +
                $"≥ 20,000 events/s: {Met(EventsPerSecond(r) >= 20_000)} ({N(EventsPerSecond(r))}).");
        }
        foreach (var r in Runs)
            lines.Add($"- peak RSS ≤ 300 MB with {N(r.Events)} events at {r.PerBlock}/block: {Met(r.Indexer.PeakRssBytes <= RssGoalBytes)} ({N(r.Indexer.PeakRssBytes / 1048576.0)} MB).");
        var sparse = Runs.FirstOrDefault(r => r.Node is not null && r.PerBlock == Runs.Where(x => x.Node is not null).Min(x => x.PerBlock));
        var dense = Runs.LastOrDefault(r => r.Node is not null && r.Events == sparse?.Events && r.PerBlock > sparse.PerBlock);
        if (sparse is not null && dense is not null)
        {
            var ratio = dense.Indexer.Wall / sparse.Indexer.Wall;
            lines.Add($"- {dense.PerBlock}/block within 1.5x of {sparse.PerBlock}/block: {Met(ratio <= 1.5)} ({N(ratio, "F2")}x).");
        }
        lines.AddRange(CpuTable());
        return string.Join('\n', lines);
    }

    private static string Us(TimeSpan cpu, long events) => N(cpu.TotalMicroseconds / events, "F1");

    /// <summary>
    /// CPU per event, the figure the neighbours' load does not inflate: (b)'s stages one after the other, and the
    /// indexer process and Postgres during (c). Two idle cores could run (c) no faster than half the CPU the two
    /// spent (anvil's left out): an upper bound on what a quiet machine gives, not a measurement.
    /// </summary>
    private List<string> CpuTable()
    {
        var lines = new List<string>
        {
            "",
            "CPU per event (µs, user + system, from /proc), the figures a busy machine does not inflate much:",
            "",
            "| chain | (b) fetch + parse | (b) decode | (b) COPY client | (b) COPY Postgres | (c) indexer process | (c) Postgres meanwhile | (c) events/s at most, its CPU on 2 idle cores |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var r in Runs)
        {
            var c = r.Copy?.Cpu;
            var bound = (r.Indexer.Cpu + r.Indexer.PostgresCpu).TotalSeconds / 2;
            lines.Add($"| {N(r.Events)} Rebalanced, {r.PerBlock}/block | {(c is null ? "–" : Us(c.FetchParse, r.Stored))} | {(c is null ? "–" : Us(c.Decode, r.Stored))} " +
                $"| {(c is null ? "–" : Us(c.CopyClient, r.Stored))} | {(c is null ? "–" : Us(c.CopyServer, r.Stored))} | {Us(r.Indexer.Cpu, r.Stored)} " +
                $"| {Us(r.Indexer.PostgresCpu, r.Stored)} | {N(r.Stored / bound)} |");
        }
        return lines;
    }
}

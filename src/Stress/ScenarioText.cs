using System.Globalization;

namespace LeveragedTokens.Stress;

/// <summary>
/// The scenario as the URL, the API and the CLI spell it. <c>shocks=BTC:-30,ETH:+10</c>: instant moves in percent in the
/// first hour; <c>path=BTC:-2x24,ETH:+1;-3;+2</c>: hourly moves, <c>mxN</c> repeating a move N hours (no underlying: all).
/// Moves go through <see cref="Wad.TryParse"/>: exact, no floating point.
/// </summary>
public static class ScenarioText
{
    public const int DefaultHours = 24;

    /// <summary>Builds a shock or path scenario; <paramref name="error"/> says what is wrong, for a 400.</summary>
    public static Scenario? TryBuild(string? shocks, string? path, int? hours, decimal liquidity, IReadOnlyCollection<string> underlyings, out string? error)
    {
        error = null;
        if (hours is < 1 or > Scenario.MaxHours) return Fail($"'hours' must be 1 to {Scenario.MaxHours}.", out error);
        if (liquidity is <= 0 or > 100) return Fail("'liquidity' must be above 0 and at most 100.", out error);
        if (!string.IsNullOrWhiteSpace(shocks) == !string.IsNullOrWhiteSpace(path))
            return Fail("Give exactly one of 'shocks', 'path' or 'replayFrom'/'replayTo'.", out error);
        var moves = new Dictionary<string, List<BigInteger>>();
        var text = (shocks ?? path)!;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':');
            var names = colon < 0 ? [.. underlyings] : new[] { part[..colon].Trim().ToUpperInvariant() };
            if (colon < 0 && shocks is not null) return Fail($"Shock '{Clip(part)}' needs an underlying: BTC:-30.", out error);
            var unknown = names.FirstOrDefault(n => !underlyings.Contains(n));
            if (unknown is not null) return Fail($"Unknown underlying '{Clip(unknown)}'; known: {string.Join(", ", underlyings)}.", out error);
            var list = new List<BigInteger>();
            foreach (var step in part[(colon + 1)..].Split(';', StringSplitOptions.TrimEntries))
                if (AddStep(step, list) is { } bad) return Fail(bad, out error);
            if (shocks is not null && list.Count != 1) return Fail($"Shock '{Clip(part)}' must be one move, e.g. BTC:-30.", out error);
            foreach (var name in names)
            {
                if (moves.ContainsKey(name)) return Fail($"'{name}' is given twice.", out error);
                moves[name] = list;
            }
        }
        var length = shocks is not null ? hours ?? DefaultHours : hours ?? moves.Values.Max(m => m.Count);
        if (length > Scenario.MaxHours) return Fail($"The path is longer than {Scenario.MaxHours} hours.", out error);
        var paths = moves.ToDictionary(m => m.Key, m => PricePath.Of([.. m.Value.Concat(Enumerable.Repeat(BigInteger.Zero, Math.Max(0, length - m.Value.Count))).Take(length)]));
        var kind = shocks is not null ? "shocks" : "path";
        return new Scenario(kind, $"{kind} {text.Trim()} over {length} h at liquidity {liquidity.ToString(CultureInfo.InvariantCulture)}", length, paths, liquidity);
    }

    /// <summary>Adds one move in percent ("-2", "+10.5"), optionally repeated ("-2x24"); says why it cannot (−100 % or below).</summary>
    private static string? AddStep(string step, List<BigInteger> into)
    {
        var x = step.IndexOf('x', StringComparison.OrdinalIgnoreCase);
        var repeat = 1;
        if (x >= 0 && (!int.TryParse(step[(x + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out repeat) || repeat is < 1 or > Scenario.MaxHours))
            return $"Bad repeat in '{Clip(step)}': use e.g. -2x24 (at most {Scenario.MaxHours}).";
        if (!Wad.TryParsePercent(x >= 0 ? step[..x] : step, out var percent))
            return $"'{Clip(step)}' is not a move in percent such as -30 or +2.5.";
        if (percent <= -Wad.One)
            return $"A move of {Clip(step)} % would take the price to zero or below; moves must be above -100 %.";
        if (into.Count + repeat > Scenario.MaxHours) return $"The path is longer than {Scenario.MaxHours} hours.";
        into.AddRange(Enumerable.Repeat(percent, repeat));
        return null;
    }

    private static Scenario? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    private static string Clip(string text) => text.Length > 20 ? text[..20] + "…" : text;
}

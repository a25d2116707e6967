using System.Globalization;

namespace LeveragedTokens.Stress;

/// <summary>
/// A stress request from text, as the query string (API, page) and the command line (CLI) give it: a bad value is a
/// reason for a 400 or an exit code, never an exception. Scenario syntax itself is <see cref="ScenarioText"/>'s.
/// </summary>
public static class StressRequestText
{
    /// <summary>Numbers that do not parse are an error naming the parameter.</summary>
    public static bool TryParse(string? shocks, string? path, string? hours, string? liquidity, string? atBlock, string? replayFrom, string? replayTo,
        string? chainId, out StressRequest? request, out string? error)
    {
        request = null;
        error = null;
        if (!TryLong(atBlock, out var block) || !TryLong(replayFrom, out var from) || !TryLong(replayTo, out var to))
            error = "'atBlock', 'replayFrom' and 'replayTo' must be block numbers.";
        else if (!TryLong(chainId, out var chain) || chain is 0)
            error = "'chainId' must be a chain id (a positive integer).";
        else if (!TryLong(hours, out var h) || h is > int.MaxValue)
            error = $"'hours' must be 1 to {Scenario.MaxHours}.";
        else if (!TryLiquidity(liquidity, out var multiplier))
            error = "'liquidity' must be a number above 0 and at most 100, e.g. 0.33.";
        else
            request = new StressRequest(block, Blank(shocks), Blank(path), from, to, (int?)h, multiplier, chain);
        return request is not null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static bool TryLong(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return false;
        value = v;
        return true;
    }

    private static bool TryLiquidity(string? text, out decimal value)
    {
        value = 1;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value is > 0 and <= 100;
    }
}

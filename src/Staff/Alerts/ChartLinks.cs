using LeveragedTokens.Data;

namespace LeveragedTokens.Staff.Alerts;

/// <summary>
/// Links from an alert to the public chart around the moment it fired (a window of a day either
/// side, with the moment marked) on the alert's chain. Token links use the symbol, pool links the underlying.
/// </summary>
public sealed class ChartLinks(long chainId, IReadOnlyDictionary<string, string> tokenSymbols, IReadOnlyDictionary<string, string> poolUnderlyings)
{
    public string For(Condition condition, DateTime at)
    {
        var t = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeSeconds();
        var window = $"from={t - 86_400}&to={t + 86_400}&at={t}";
        if (poolUnderlyings.TryGetValue(condition.Subject, out var underlying))
            return $"{PublicPaths.Reserve(chainId, underlying, condition.Subject)}?{window}";
        if (tokenSymbols.TryGetValue(condition.Subject, out var symbol))
            return $"{PublicPaths.Token(chainId, symbol, condition.Subject)}?{window}";
        return "/status";
    }
}

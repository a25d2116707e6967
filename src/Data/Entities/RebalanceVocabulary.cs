using System.Globalization;

namespace LeveragedTokens.Data.Entities;

public enum RebalanceDirection { Buy, Sell }

/// <summary>
/// Every spelling of a rebalance's trigger and direction, and of a deferral's reason, in one table each: the API's
/// and the URL's ("band", "buy"), the page's ("Out of band", "Buy") and the export's (the enum name, "LeverageOutOfBand").
/// </summary>
public static class RebalanceVocabulary
{
    private static readonly (RebalanceTrigger Trigger, string Api, string Label)[] Triggers =
    [
        (RebalanceTrigger.LeverageOutOfBand, "band", "Out of band"),
        (RebalanceTrigger.TimeFallback, "fallback", "24h fallback"),
        (RebalanceTrigger.Manual, "manual", "Manual"),
    ];

    private static readonly (RebalanceDirection Direction, string Api, string Label)[] Directions =
    [
        (RebalanceDirection.Buy, "buy", "Buy"),
        (RebalanceDirection.Sell, "sell", "Sell"),
    ];

    private static readonly (DeferralReason Reason, string Api, string Label)[] Reasons =
    [
        (DeferralReason.PoolSuspended, "suspended", "pool suspended"),
        (DeferralReason.ReserveCannotCover, "cannot-cover", "reserve cannot cover costs"),
    ];

    public static IEnumerable<RebalanceTrigger> AllTriggers => Triggers.Select(t => t.Trigger);
    public static IEnumerable<RebalanceDirection> AllDirections => Directions.Select(d => d.Direction);

    /// <summary>The API's and the URL's name ("band"); an unknown code reads as its number.</summary>
    public static string ApiName(this RebalanceTrigger trigger) =>
        Triggers.FirstOrDefault(t => t.Trigger == trigger).Api ?? ((int)trigger).ToString(CultureInfo.InvariantCulture);

    public static string Label(this RebalanceTrigger trigger) =>
        Triggers.FirstOrDefault(t => t.Trigger == trigger).Label ?? trigger.ToString();

    /// <summary>The export's name: the protocol's own ("LeverageOutOfBand").</summary>
    public static string ExportName(this RebalanceTrigger trigger) => trigger.ToString();

    /// <summary>Empty means any trigger; otherwise the API name, the export name or the code (0, 1, 2), in any case.</summary>
    public static bool TryParseTrigger(string? text, out RebalanceTrigger? trigger)
    {
        trigger = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim();
        foreach (var (value, api, _) in Triggers)
            if (t.Equals(api, StringComparison.OrdinalIgnoreCase) || t.Equals(value.ExportName(), StringComparison.OrdinalIgnoreCase)
                || t == ((int)value).ToString(CultureInfo.InvariantCulture))
                trigger = value;
        return trigger is not null;
    }

    public static RebalanceDirection DirectionOf(bool isBuy) => isBuy ? RebalanceDirection.Buy : RebalanceDirection.Sell;

    public static string ApiName(this RebalanceDirection direction) => Directions.First(d => d.Direction == direction).Api;
    public static string Label(this RebalanceDirection direction) => Directions.First(d => d.Direction == direction).Label;

    /// <summary>Empty means both directions; otherwise the API name ("buy", "sell"), as the URL carries it.</summary>
    public static bool TryParseDirection(string? text, out bool? isBuy)
    {
        isBuy = null;
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var (value, api, _) in Directions)
            if (text == api) isBuy = value == RebalanceDirection.Buy;
        return isBuy is not null;
    }

    /// <summary>The API's (and the stress page's) name of a deferral reason ("suspended"); an unknown code reads as its number.</summary>
    public static string ApiName(this DeferralReason reason) =>
        Reasons.FirstOrDefault(r => r.Reason == reason).Api ?? ((int)reason).ToString(CultureInfo.InvariantCulture);

    public static string Label(this DeferralReason reason) =>
        Reasons.FirstOrDefault(r => r.Reason == reason).Label ?? $"reason {(int)reason}";
}

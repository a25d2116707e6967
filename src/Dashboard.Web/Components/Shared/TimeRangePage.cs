using System.Diagnostics.CodeAnalysis;
using LeveragedTokens.Dashboard.Web.Formatting;
using Microsoft.AspNetCore.Components;

namespace LeveragedTokens.Dashboard.Web.Components.Shared;

/// <summary>
/// A live page charting a period taken from the URL: ?range=24h|7d|30d|90d|all, or range=custom with
/// from/to (what <see cref="TimeRangePicker"/> writes).
/// </summary>
public abstract class TimeRangePage : LivePage
{
    [SupplyParameterFromQuery(Name = "range")] public string? RangeKey { get; set; }
    [SupplyParameterFromQuery] public string? From { get; set; }
    [SupplyParameterFromQuery] public string? To { get; set; }

    protected TimeRange ChartRange { get; private set; } = new(TimeRange.Default, null, null);

    /// <summary>Reads the period from the URL; a bad one answers 400 and gives the message to show.</summary>
    protected bool TryReadRange([NotNullWhen(false)] out string? error)
    {
        var valid = TimeRange.TryParse(RangeKey, From, To, out var range, out error);
        ChartRange = range;
        if (!valid) SetStatus(400);
        return valid;
    }

    /// <summary>Absolute bounds of the period: presets end at the newest hour of data.</summary>
    protected (DateTime? From, DateTime? To) RangeBounds(long? latestHour) =>
        ChartRange.Resolve(latestHour is { } h ? Times.FromHour(h) : null);
}

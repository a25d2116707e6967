using System.Text.Json.Serialization;

namespace LeveragedTokens.Dashboard.Web.Components.Shared;

/// <summary>
/// One line of a chart: <paramref name="Field"/> names the figure in the API's points that the browser plots;
/// <paramref name="Points"/> are the server's copy, drawn only by the fallback before the script runs.
/// </summary>
public sealed record ChartLine(string Name, string Field, string Color, [property: JsonIgnore] IReadOnlyList<(DateTime T, double V)> Points, bool Dashed = false);

/// <summary>A horizontal threshold line (a target).</summary>
public sealed record ChartLevel(string Name, double Value, string Color);

/// <summary>A shaded y range (a band, a near-floor zone); a null side reaches the edge of the chart.</summary>
public sealed record ChartRegion(string Name, double? Low, double? High, string Color);

/// <summary>A shaded period of time (a suspension).</summary>
public sealed record ChartShade(DateTime Start, DateTime End, string Title);

/// <summary>How a chart's figures read: the axis labels and the exact values at the cursor.</summary>
public enum ChartUnit
{
    /// <summary>Money: k/M/B on the axis, the exact decimal with USD at the cursor.</summary>
    Usd,
    /// <summary>Leverage ratios with an x.</summary>
    Leverage,
    /// <summary>The API's basis points, shown as percent.</summary>
    Percent,
    /// <summary>Plain counts and rates (blocks, events/s): k/M on the axis, the API's figure at the cursor.</summary>
    Count,
}

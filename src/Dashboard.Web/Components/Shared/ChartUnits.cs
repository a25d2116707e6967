using System.Globalization;

namespace LeveragedTokens.Dashboard.Web.Components.Shared;

/// <summary>Axis labels of the server-rendered fallback, the same as the browser chart's (time-chart.js).</summary>
public static class ChartUnits
{
    public static string Axis(ChartUnit unit, double v) => unit switch
    {
        ChartUnit.Leverage => v.ToString("0.00", CultureInfo.InvariantCulture) + "x",
        ChartUnit.Percent => v.ToString("0", CultureInfo.InvariantCulture) + "%",
        _ => Compact(v),
    };

    /// <summary>k, M and B with four significant digits: 8.22E+06 reads as 8.22M.</summary>
    public static string Compact(double v)
    {
        var (divisor, suffix) = Math.Abs(v) switch { >= 1e9 => (1e9, "B"), >= 1e6 => (1e6, "M"), >= 1e3 => (1e3, "k"), _ => (1d, "") };
        return (v / divisor).ToString("G4", CultureInfo.InvariantCulture) + suffix;
    }
}

namespace LeveragedTokens.Staff.Alerts;

/// <summary>Evidence figures: rules compare the exact integers where they can (conversions are <see cref="Protocol.Wad"/>'s).</summary>
internal static class Units
{
    public static decimal Round(double value, int digits = 2) =>
        double.IsFinite(value) ? (decimal)Math.Round(Math.Clamp(value, -1e15, 1e15), digits) : 0m;
}

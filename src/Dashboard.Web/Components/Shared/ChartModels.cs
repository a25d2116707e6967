namespace LeveragedTokens.Dashboard.Web.Components.Shared;

public sealed record ChartLine(string Name, string Color, IReadOnlyList<(DateTime T, double V)> Points, bool Dashed = false);

public sealed record ChartLevel(string Name, double Value, string Color);

public sealed record ChartBand(string Name, double Low, double High, string Color);

public sealed record ChartShade(DateTime Start, DateTime End, string Title);

public sealed record ChartMarker(DateTime T, double V, string Title, string Href, string Color);

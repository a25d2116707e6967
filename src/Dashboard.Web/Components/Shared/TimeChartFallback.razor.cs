using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace LeveragedTokens.Dashboard.Web.Components.Shared;

public partial class TimeChartFallback
{
    private const int W = 900, H = 280, Left = 64, Right = 12, Top = 10, Bottom = 24;
    private DateTime _t0, _t1;
    private TimeSpan _span;
    private double _y0, _y1;
    private IReadOnlyList<ChartShade> _shades = [];

    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter] public ChartUnit Unit { get; set; }
    [Parameter] public IReadOnlyList<ChartLine> Lines { get; set; } = [];
    [Parameter] public IReadOnlyList<ChartLevel> Levels { get; set; } = [];
    [Parameter] public IReadOnlyList<ChartRegion> Regions { get; set; } = [];
    [Parameter] public IReadOnlyList<ChartShade> Shades { get; set; } = [];

    protected override void OnParametersSet()
    {
        _shades = [];
        var times = Lines.SelectMany(l => l.Points.Select(p => p.T)).ToList();
        if (times.Count == 0) return;
        _t0 = times.Min();
        _t1 = times.Max();
        if (_t1 <= _t0) _t1 = _t0.AddHours(1);
        _span = _t1 - _t0;
        var values = Lines.SelectMany(l => l.Points.Select(p => p.V))
            .Concat(Levels.Select(l => l.Value))
            .Concat(Regions.SelectMany(r => new[] { r.Low, r.High }).OfType<double>())
            .Where(double.IsFinite).ToList();
        _y0 = values.Count > 0 ? values.Min() : 0;
        _y1 = values.Count > 0 ? values.Max() : 1;
        var pad = (_y1 - _y0) * 0.06;
        if (pad == 0) pad = Math.Abs(_y0) * 0.05 + 1e-9;
        _y0 -= pad;
        _y1 += pad;
        _shades = Shades.Where(s => s.End >= _t0 && s.Start <= _t1)
            .Select(s => s with { Start = s.Start < _t0 ? _t0 : s.Start, End = s.End > _t1 ? _t1 : s.End }).ToList();
    }

    private double X(DateTime t) => Left + (t - _t0).TotalSeconds / _span.TotalSeconds * (W - Left - Right);

    private double Y(double v) => Top + (1 - (Math.Clamp(v, _y0, _y1) - _y0) / (_y1 - _y0)) * (H - Top - Bottom);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private string Path(ChartLine line)
    {
        var sb = new StringBuilder(line.Points.Count * 12);
        foreach (var (t, v) in line.Points)
        {
            if (!double.IsFinite(v)) continue;
            sb.Append(F(X(t))).Append(',').Append(F(Y(v))).Append(' ');
        }
        return sb.ToString();
    }

    private IEnumerable<double> YTicks()
    {
        const int n = 4;
        for (var i = 0; i <= n; i++) yield return _y0 + (_y1 - _y0) * i / n;
    }

    private IEnumerable<DateTime> XTicks()
    {
        const int n = 4;
        for (var i = 0; i <= n; i++) yield return _t0 + _span * i / n;
    }
}

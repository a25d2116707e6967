namespace LeveragedTokens.Staff.Thresholds;

/// <summary>The thresholds in force for one evaluation: scope value, else global value, else default.</summary>
public sealed class ThresholdSet(IEnumerable<AlertThreshold> rows)
{
    private readonly Dictionary<(string Scope, ThresholdKey Key), decimal> _values =
        rows.ToDictionary(r => (r.Scope, r.Key), r => r.Value);

    public static ThresholdSet Defaults { get; } = new([]);

    public decimal Get(string scope, ThresholdKey key) =>
        _values.TryGetValue((scope.ToLowerInvariant(), key), out var own) ? own
        : _values.TryGetValue((ThresholdDefaults.GlobalScope, key), out var global) ? global
        : ThresholdDefaults.For(key);

    public decimal Global(ThresholdKey key) => Get(ThresholdDefaults.GlobalScope, key);
}

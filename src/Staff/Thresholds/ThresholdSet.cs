namespace LeveragedTokens.Staff.Thresholds;

/// <summary>
/// The thresholds in force for one evaluation: the chain-scoped value, else the legacy bare-address value (every chain),
/// else the global value, else the default. Built with the evaluation's chain, a bare address asked for is read as that
/// chain's, so the rules ask by address alone.
/// </summary>
public sealed class ThresholdSet(IEnumerable<AlertThreshold> rows, long? chainId = null)
{
    private readonly Dictionary<(string Scope, ThresholdKey Key), decimal> _values =
        rows.ToDictionary(r => (r.Scope, r.Key), r => r.Value);

    public static ThresholdSet Defaults { get; } = new([]);

    public decimal Get(string scope, ThresholdKey key)
    {
        var (scopeChain, address) = ThresholdScopes.Parse(scope);
        return (scopeChain ?? chainId) is { } chain && _values.TryGetValue((ThresholdScopes.Of(chain, address), key), out var own) ? own
            : _values.TryGetValue((address, key), out var legacy) ? legacy
            : _values.TryGetValue((ThresholdDefaults.GlobalScope, key), out var global) ? global
            : ThresholdDefaults.For(key);
    }

    public decimal Global(ThresholdKey key) => Get(ThresholdDefaults.GlobalScope, key);
}

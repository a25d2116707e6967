namespace LeveragedTokens.Protocol.Tests.Support;

/// <summary>
/// Seeded GBM paths (sigma 80%/year, 20 days, hourly) played once per test class: per path an
/// hourly-rebalanced 3x long and 3x short, and a default-band 3x long. Holds each token's NAV
/// growth and the continuous-rebalancing benchmark (S_t/S_0)^L * exp(-(L^2 - L) sigma^2 t / 2)
/// (Avellaneda and Zhang, 2010) for its L.
/// </summary>
public sealed class GbmRun : IAsyncLifetime
{
    private const double Sigma = 0.8;
    private const int Hours = 20 * 24;
    private static readonly int[] Seeds = [101, 202];

    private ProtocolHarness _chain = null!;

    public Dictionary<string, double> Growth { get; private set; } = [];
    public Dictionary<string, double> Benchmark { get; } = [];

    public double RelativeGap(string symbol) => Growth[symbol] / Benchmark[symbol] - 1;

    public async Task InitializeAsync()
    {
        _chain = await ProtocolHarness.StartAsync();
        var pools = Seeds.Select(s => $"G{s}").ToList();
        var paths = Seeds.Select(s => PricePaths.Gbm(Hours, Sigma, s)).ToList();
        var spec = TestSpecs.Frictionless(pools, u =>
            [TestSpecs.Hourly(u, isLong: true), TestSpecs.Hourly(u, isLong: false), ProtocolSpec.ThreeX(u, isLong: true)]);
        Growth = new(await PathPlayer.PlayAsync(_chain, spec, paths));

        var years = Hours / PricePaths.HoursPerYear;
        foreach (var (pool, path) in pools.Zip(paths))
        {
            var move = (double)(path[^1] / path[0]);
            foreach (var (symbol, leverage) in new[] { ($"{pool}3LH", 3.0), ($"{pool}3SH", -3.0), ($"{pool}3L", 3.0) })
                Benchmark[symbol] = Math.Pow(move, leverage) * Math.Exp(-(leverage * leverage - leverage) * Sigma * Sigma * years / 2);
        }
    }

    public async Task DisposeAsync() => await _chain.DisposeAsync();
}

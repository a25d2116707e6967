using System.Diagnostics;
using System.Numerics;
using LeveragedTokens.Protocol;
using LeveragedTokens.Protocol.Chain;
using LeveragedTokens.Protocol.Deployment;
using LeveragedTokens.Protocol.Errors;
using LeveragedTokens.Protocol.Functions;
using LeveragedTokens.Simulator.Keeper;
using LeveragedTokens.Simulator.Market;
using Nethereum.Contracts;
using Polly;
using Polly.Retry;

namespace LeveragedTokens.Simulator;

/// <summary>Deploys the default protocol on a chain that has none of ours yet, then plays
/// market history hour by hour (and, live, keeps playing until cancelled).</summary>
public static class Simulation
{
    public static async Task<SimulationSummary> RunAsync(SimulateOptions options, TextWriter progress, Action<SimulationSummary>? historyDone, CancellationToken ct)
    {
        var session = await ChainSession.ConnectAsync(options.RpcUrl, options.PrivateKey);
        var protocol = await ProtocolDeployer.FindAsync(session);
        var fresh = protocol is null;
        protocol ??= await ProtocolDeployer.DeployAsync(session, ProtocolSpec.Default, session.LastTimestamp + 1);
        progress.WriteLine(fresh
            ? $"deployed registry {protocol.Registry} at block {protocol.DeploymentBlock}"
            : $"continuing registry {protocol.Registry} from {DateTimeOffset.FromUnixTimeSeconds((long)session.LastTimestamp):u}");
        if (options.Verb == "deploy") return SimulationSummary.Of(protocol);
        if (options.Verb == "shock")
        {
            await PriceShock.ApplyAsync(session, protocol, options.Shocks!, progress);
            return SimulationSummary.Of(protocol);
        }

        var firstHour = (long)session.LastTimestamp / 3600 + 1;
        var totalHours = options.Days * 24;
        var stress = StressEpisode.For(firstHour, totalHours);
        // Seeds mix in the first hour so a continuation plays new weather, still reproducibly.
        var seed = unchecked(options.Seed * 1_000_003 + (int)firstHour);
        var assets = protocol.Pools.Select(p => AssetProfile.For(p.Underlying)).ToList();
        // A deployment never ticked (the `deploy` verb) has no prices yet: it opens like a fresh one.
        var chainPrices = await CurrentPricesAsync(session, protocol);
        var opening = chainPrices is null;
        var startPrices = chainPrices ?? assets.Select(a => a.StartPrice).ToList();
        var keeper = new HourlyKeeper(
            session, protocol, new PriceModel(seed, assets, startPrices, stress), new FlowModel(seed + 1, protocol, stress),
            new ReserveBackers(session, protocol), stress, seed + 2);
        if (!opening) await LoadBalancesAsync(session, protocol, keeper.Seen);

        var clock = Stopwatch.StartNew();
        for (var h = 0; h < totalHours && !ct.IsCancellationRequested; h++)
        {
            await keeper.PlayHourAsync(firstHour + h, opening);
            opening = false;
            if ((h + 1) % 24 == 0 || h + 1 == totalHours) Report(progress, keeper, (h + 1) / 24.0, clock.Elapsed);
        }
        progress.WriteLine($"history of {options.Days} days played in {clock.Elapsed.TotalSeconds:F1} s");
        var summary = SimulationSummary.Of(protocol);
        historyDone?.Invoke(summary);

        if (options.Live) await PlayLiveAsync(options, session, protocol, keeper, firstHour + totalHours, opening, progress, clock, ct);
        return summary;
    }

    /// <summary>
    /// Plays an hour at the top of each real hour (or every <c>--hour-seconds</c>) until cancelled. A failed
    /// hour never ends live mode: the node may be restarting, so the hour is retried with backoff after
    /// reading the chain again, and skipped if it turns out to be on the chain already.
    /// </summary>
    private static async Task PlayLiveAsync(SimulateOptions options, ChainSession session, DeployedProtocol protocol, HourlyKeeper keeper,
        long nextHour, bool opening, TextWriter progress, Stopwatch clock, CancellationToken ct)
    {
        var schedule = LiveSchedule.Plan(nextHour, DateTimeOffset.UtcNow, options.MaxCatchUpHours);
        if (options.HourSeconds is null && schedule.Describe() is { } line) progress.WriteLine(line);
        if (options.HourSeconds is null) nextHour = schedule.FirstHour;
        var retry = LiveHourRetry(progress);
        for (var hour = nextHour; !ct.IsCancellationRequested; hour++)
        {
            var wait = options.HourSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : schedule.DueAt(hour) - DateTimeOffset.UtcNow;
            try
            {
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                var attempt = 0;
                await retry.ExecuteAsync(async _ =>
                {
                    if (attempt++ > 0)
                    {
                        await session.ResyncAsync();
                        await LoadBalancesAsync(session, protocol, keeper.Seen);
                        if (session.LastTimestamp >= (ulong)hour * 3600) return; // mined before the failure was seen
                    }
                    await keeper.PlayHourAsync(hour, opening);
                }, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            opening = false;
            Report(progress, keeper, (hour - nextHour + 1) / 24.0, clock.Elapsed);
        }
    }

    private static ResiliencePipeline LiveHourRetry(TextWriter progress) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromMinutes(1),
            OnRetry = args =>
            {
                progress.WriteLine($"live hour failed (attempt {args.AttemptNumber + 1}): {args.Outcome.Exception?.GetType().Name}: " +
                                   $"{args.Outcome.Exception?.Message}; retrying in {args.RetryDelay.TotalSeconds:F0} s");
                return default;
            },
        })
        .Build();

    private static void Report(TextWriter progress, HourlyKeeper keeper, double day, TimeSpan elapsed)
    {
        var seen = keeper.Seen;
        progress.WriteLine(
            $"day {day:F1} ({keeper.Regime.Name}): prices {string.Join(" ", keeper.LastPrices.Select(p => p.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}; " +
            $"rebalances {seen.Rebalances}, deferrals {seen.Deferrals}, suspensions {seen.Suspensions}, resumptions {seen.Resumptions}; {elapsed.TotalSeconds:F1} s");
    }

    private static async Task<List<decimal>?> CurrentPricesAsync(ChainSession session, DeployedProtocol protocol)
    {
        var prices = new List<decimal>();
        foreach (var pool in protocol.Pools)
        {
            try
            {
                prices.Add((decimal)Wad.ToDouble(await session.CallAsync<MarkPriceFunction, BigInteger>(pool.Address)));
            }
            catch (SmartContractCustomErrorRevertException e) when (e.IsCustomErrorFor<PriceMissingError>())
            {
                return null;
            }
        }
        return prices;
    }

    private static async Task LoadBalancesAsync(ChainSession session, DeployedProtocol protocol, ObservedState seen)
    {
        foreach (var token in protocol.Tokens)
        foreach (var holder in Holders.All)
            seen.SetBalance(token.Address, holder,
                await session.CallAsync<BalanceOfFunction, BigInteger>(token.Address, new BalanceOfFunction { Owner = holder }));
        foreach (var pool in protocol.Pools)
            if (await session.CallAsync<SuspendedFunction, bool>(pool.Address)) seen.MarkSuspended(pool.Address, (long)session.LastTimestamp / 3600);
    }
}

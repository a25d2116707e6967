using System.Globalization;
using Hangfire;
using LeveragedTokens.Data;
using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Stress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeveragedTokens.Staff.Scenarios;

/// <summary>
/// Every hour, each saved scenario is run from the latest final block; while it would suspend a pool an alert stays
/// open ("a BTC −20% hour now would suspend the BTC pool in 3 h"), and it resolves once the scenario no longer would
/// (or is deleted). Written through the alerts' own transaction, so it takes turns with the rules' evaluation.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class SavedScenarioJob(
    IDbContextFactory<DashboardDbContext> chainDb, StressStateLoader states, AlertTransaction alerts, ILogger<SavedScenarioJob> log)
{
    public const string RecurringJobId = "staff-saved-scenarios";

    /// <summary>Hourly, a few minutes after the keeper's tick at the top of the hour.</summary>
    public const string Cron = "5 * * * *";

    /// <summary>Every saved scenario on every indexed chain (a scenario names underlyings, which each chain's pools may have).</summary>
    public async Task<EvaluationSummary> RunAsync(CancellationToken ct)
    {
        var summary = EvaluationSummary.Empty;
        foreach (var chainId in await states.IndexedChainsAsync(ct))
            summary += await RunForChainAsync(chainId, ct);
        return summary;
    }

    private async Task<EvaluationSummary> RunForChainAsync(long chainId, CancellationToken ct)
    {
        if (await states.LoadAsync(chainId, null, ct) is not { } state) return EvaluationSummary.Empty;
        await using var chain = await chainDb.CreateDbContextAsync(ct);
        var tokens = await chain.Tokens.AsNoTracking().Where(t => t.ChainId == state.ChainId).ToDictionaryAsync(t => t.Address, t => t.Symbol, ct);
        var pools = await chain.ReservePools.AsNoTracking().Where(p => p.ChainId == state.ChainId).ToDictionaryAsync(p => p.Address, p => p.Underlying, ct);
        var underlyings = state.Pools.Select(p => p.Underlying).ToList();
        var at = DateTime.UnixEpoch.AddHours(state.Hour);

        var summary = await alerts.RunAsync(state.ChainId, new ChartLinks(state.ChainId, tokens, pools), async (staff, book) =>
        {
            var observed = new HashSet<string>();
            foreach (var saved in await staff.SavedScenarios.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct))
            {
                // Checked when saved; an underlying gone since leaves the scenario nothing to say (its alerts resolve below).
                if (ScenarioText.TryBuild(saved.Shocks, saved.Path, saved.Hours, saved.Liquidity, underlyings, out _) is not { } scenario) continue;
                foreach (var pool in StressEngine.Run(state, scenario).Pools)
                {
                    var condition = Condition(state.Pool(pool.Underlying).Address, pool.Underlying + " pool", saved.Id);
                    observed.Add(condition.Key);
                    var hours = pool.SuspendedAtHour - state.Hour;
                    var message = pool.SuspendedAtHour is null
                        ? $"'{saved.Name}' ({Describe(saved)}) no longer suspends the {pool.Underlying} pool, from block {state.AtBlock}"
                        : $"{Describe(saved)} now would suspend the {pool.Underlying} pool in {hours} h (saved scenario '{saved.Name}', from block {state.AtBlock})";
                    book.Observe(condition, pool.Suspends, new Evidence(state.AtBlock, null, at, hours, scenario.Hours, "h", message));
                }
            }
            var open = await staff.Alerts.AsNoTracking()
                .Where(a => a.ChainId == state.ChainId && a.ResolvedAt == null && a.Kind == AlertKind.ScenarioWouldSuspend).ToListAsync(ct);
            foreach (var alert in open.Where(a => !observed.Contains(a.ConditionKey)))
            {
                var variant = alert.ConditionKey[$"{AlertKind.ScenarioWouldSuspend}:{alert.Subject}:".Length..];
                book.Observe(Condition(alert.Subject, alert.SubjectLabel, variant), false,
                    new Evidence(state.AtBlock, null, at, null, null, "h", $"The saved scenario behind this alert is gone, from block {state.AtBlock}"));
            }
        }, ct);
        log.LogInformation("Saved scenarios evaluated on chain {ChainId} from block {Block}: {Fired} fired, {Resolved} resolved",
            chainId, state.AtBlock, summary.Fired, summary.Resolved);
        return summary;
    }

    private static Condition Condition(string pool, string label, object scenarioId) =>
        new(AlertKind.ScenarioWouldSuspend, AlertSeverity.Warning, pool, label, Convert.ToString(scenarioId, CultureInfo.InvariantCulture));

    /// <summary>"a BTC −20% hour" for shocks, "the path BTC:-2x24" for a path.</summary>
    public static string Describe(SavedScenario saved) =>
        saved.Shocks is { } shocks
            ? $"a {string.Join(", ", shocks.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace(":", " ").Replace('-', '−') + "%"))} hour"
            : $"the path {saved.Path}";
}

using Hangfire;
using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Scenarios;

namespace LeveragedTokens.Staff;

public static class StaffJobs
{
    /// <summary>Right after new chain data: queue an evaluation now (runs are serialized per chain by an advisory lock).</summary>
    /// <param name="chainId">The chain whose rows changed; null evaluates every chain.</param>
    public static string EnqueueAlertEvaluation(this IBackgroundJobClient jobs, long? chainId = null) => chainId is { } id
        ? jobs.Enqueue<AlertEvaluationJob>(j => j.RunForChainAsync(id, CancellationToken.None))
        : jobs.Enqueue<AlertEvaluationJob>(j => j.RunAsync(CancellationToken.None));

    /// <summary>A scenario saved or deleted: its alert follows now rather than at the next hourly run.</summary>
    public static string EnqueueSavedScenarioEvaluation(this IBackgroundJobClient jobs) =>
        jobs.Enqueue<SavedScenarioJob>(j => j.RunAsync(CancellationToken.None));
}

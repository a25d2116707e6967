using Hangfire;
using LeveragedTokens.Staff.Alerts;

namespace LeveragedTokens.Staff;

public static class StaffJobs
{
    /// <summary>Right after new chain data: queue an evaluation now (runs are serialized by an advisory lock).</summary>
    public static string EnqueueAlertEvaluation(this IBackgroundJobClient jobs) =>
        jobs.Enqueue<AlertEvaluationJob>(j => j.RunAsync(CancellationToken.None));
}

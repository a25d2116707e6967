namespace LeveragedTokens.Indexer.Jobs;

/// <summary>
/// How a job belongs to one chain. Several indexers (one per chain, each maybe with a standby) share one Hangfire
/// storage: a job that needs this process's node or settings gets the chain in its id, so two chains' registrations
/// never overwrite each other, and runs from the chain's own queue, which only that chain's indexers serve.
/// Jobs that read only the database (alert rules, saved scenarios, webhooks) stay on the default queue: any
/// indexer runs them, so a chain whose indexer is down still gets its "indexer stalled" alert.
/// </summary>
public static class ChainJobs
{
    public const string SharedQueue = "default";

    /// <summary>Hangfire queue names are lower-case letters, digits, '-' and '_'.</summary>
    public static string Queue(long chainId) => $"chain-{chainId}";

    public static string Id(string job, long chainId) => $"{job}-chain-{chainId}";
}

namespace LeveragedTokens.Indexer.Options;

/// <summary>The "Indexer" section: how the process behaves, apart from the chain it reads.</summary>
public sealed class IndexerOptions
{
    public const string Section = "Indexer";

    /// <summary>Exit once everything up to head minus confirmations is stored (--until-head).</summary>
    public bool UntilHead { get; set; }

    /// <summary>Run the Hangfire server with the recurring jobs (off in tests that do not need it).</summary>
    public bool EnableJobs { get; set; } = true;

    /// <summary>How often a standby retries the writer lock.</summary>
    public TimeSpan StandbyRetry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Blocks re-read by the recent-window re-scan job.</summary>
    public int RescanBlocks { get; set; } = 256;
}

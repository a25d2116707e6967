namespace LeveragedTokens.Data.Entities;

/// <summary>
/// The indexer's status as it was after a poll (written by IndexerSql.UpdateStatus, kept <see cref="IndexerPolls.KeepDays"/> days):
/// the status page's history of lag and throughput. A rise of <see cref="ReorgCount"/> or <see cref="DecodeFailures"/> from one
/// row to the next is a reorg or an undecodable log seen then; such a poll is always recorded.
/// </summary>
public sealed class IndexerPoll
{
    public required long ChainId { get; set; }
    public required DateTime At { get; set; }
    public required long HeadBlock { get; set; }
    public required long IndexedBlock { get; set; }
    public required double EventsPerSecond { get; set; }
    public required long ReorgCount { get; set; }
    public required long DecodeFailures { get; set; }
}

/// <summary>How often the indexer records its status, and for how long.</summary>
public static class IndexerPolls
{
    public const int EverySeconds = 10;
    public const int KeepDays = 7;
}

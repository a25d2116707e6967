namespace LeveragedTokens.Indexer.Storage;

/// <summary>The checkpoint was not where this writer left it: another writer moved it. Nothing was written.</summary>
public sealed class CheckpointMovedException(long expected)
    : Exception($"The checkpoint moved away from block {expected}: another indexer wrote for this chain; this batch was rolled back.");

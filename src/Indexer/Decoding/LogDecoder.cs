using LeveragedTokens.Chain;
using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.Indexer.Decoding;

/// <summary>
/// Turns logs into rows: every log becomes a raw event or a decode failure (never both, never
/// neither); the read models get a row when the emitter plays the role the event belongs to.
/// </summary>
public sealed class LogDecoder(long chainId)
{
    public void Decode(RpcLog log, WatchRole role, ChainBatch batch)
    {
        string? error;
        EventShape? shape = null;
        if (!EventCatalog.ByTopic0.TryGetValue(log.Topics.Length > 0 ? log.Topics[0] : "", out shape))
            error = log.Topics.Length == 0 ? "anonymous log (no topic0)" : $"unknown topic0 {log.Topics[0]}";
        else
            error = shape.Mismatch(log.Topics, log.Data);

        if (error is null)
        {
            try
            {
                var projected = ReadModelProjector.Project(log, shape!, role, batch, this);
                batch.RawEvents.Add(new RawEvent
                {
                    TxIndex = log.TxIndex, EventName = shape!.Name, Topics = log.Topics, Data = log.Data,
                }.At(OriginOf(log)));
                projected?.Invoke();
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = $"{shape!.Name} did not decode: {e.Message}";
            }
        }
        batch.DecodeFailures.Add(new DecodeFailure { Topics = log.Topics, Data = log.Data, Error = error! }.At(OriginOf(log)));
    }

    /// <summary>The log's place on this chain: the key and provenance every row made from it carries.</summary>
    public LogOrigin OriginOf(RpcLog log) => new(
        chainId, log.BlockNumber, log.LogIndex, log.BlockHash, log.TxHash, DateTime.UnixEpoch.AddSeconds(log.BlockTimestamp ?? 0), log.Address);
}

public enum WatchRole { Registry, Pool, Token }

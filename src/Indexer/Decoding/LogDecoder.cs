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
                batch.RawEvents.Add(Fill(new RawEvent
                {
                    ChainId = chainId, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
                    TxIndex = log.TxIndex, EventName = shape!.Name, Topics = log.Topics, Data = log.Data,
                }, log));
                projected?.Invoke();
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = $"{shape!.Name} did not decode: {e.Message}";
            }
        }
        batch.DecodeFailures.Add(Fill(new DecodeFailure
        {
            ChainId = chainId, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
            Topics = log.Topics, Data = log.Data, Error = error!,
        }, log));
    }

    /// <summary>Copies the log's position onto a row (the key every table shares).</summary>
    public T Fill<T>(T row, RpcLog log) where T : ChainLogRow
    {
        row.ChainId = chainId;
        row.BlockNumber = log.BlockNumber;
        row.LogIndex = log.LogIndex;
        row.BlockHash = log.BlockHash;
        row.TxHash = log.TxHash;
        row.BlockTime = DateTime.UnixEpoch.AddSeconds(log.BlockTimestamp ?? 0);
        row.ContractAddress = log.Address;
        return row;
    }
}

public enum WatchRole { Registry, Pool, Token }

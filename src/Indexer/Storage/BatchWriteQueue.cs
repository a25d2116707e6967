using System.Threading.Channels;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>
/// Stores ranges on a task of its own, in the order they were added, while the caller fetches and
/// decodes the next ones. The queue is bounded: a reader faster than the database waits for it
/// instead of piling ranges up in memory.
/// </summary>
public sealed class BatchWriteQueue
{
    private readonly Channel<BlockRange> _queue;
    private readonly Task _storing;

    public BatchWriteQueue(int capacity, Func<BlockRange, Task> store)
    {
        _queue = Channel.CreateBounded<BlockRange>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        _storing = Task.Run(() => StoreAllAsync(store));
    }

    /// <summary>Waits while the queue is full; throws the store's own exception once a store failed.</summary>
    public async Task AddAsync(BlockRange range, CancellationToken ct)
    {
        try
        {
            await _queue.Writer.WriteAsync(range, ct);
        }
        catch (ChannelClosedException)
        {
            await _storing;
            throw;
        }
    }

    /// <summary>Returns once every range added is stored (or throws what stopped the store).</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _storing;
    }

    private async Task StoreAllAsync(Func<BlockRange, Task> store)
    {
        try
        {
            await foreach (var range in _queue.Reader.ReadAllAsync()) await store(range);
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e);
            throw;
        }
    }
}

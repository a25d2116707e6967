using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Data;

namespace LeveragedTokens.Freshness.Bench;

/// <summary>
/// When the indexer committed: the chain_data NOTIFY, delivered at commit, heard through the web host's own
/// listener (one more LISTEN session, the same code). Poll runs as soon as a wait returns on a notification.
/// </summary>
internal sealed class CommitClock() : ListenedChannel(NotifyChannels.ChainData)
{
    private readonly ConcurrentQueue<long> _commits = new();

    public override void Poll()
    {
        if (TakePending()) _commits.Enqueue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    /// <summary>The first commit heard at or after <paramref name="sinceMs"/>, or null.</summary>
    public long? FirstSince(long sinceMs) => _commits.Where(t => t >= sinceMs).Select(t => (long?)t).Min();
}

/// <summary>When each block appeared on the node: eth_blockNumber every 10 ms (anvil mines a transaction at once).</summary>
internal sealed class BlockClock(string rpcUrl) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentDictionary<long, long> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public long Head { get; private set; }

    public async Task StartAsync()
    {
        Head = await BlockNumberAsync();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var head = await BlockNumberAsync();
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                for (var b = Head + 1; b <= head; b++) _seen.TryAdd(b, now);
                Head = Math.Max(Head, head);
                await Task.Delay(10);
            }
        });
    }

    /// <summary>Wall-clock ms when <paramref name="block"/> was first seen, or null.</summary>
    public long? SeenAt(long block) => _seen.TryGetValue(block, out var t) ? t : null;

    private async Task<long> BlockNumberAsync()
    {
        using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}""", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(rpcUrl, content);
        var hex = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("result").GetString()!;
        return Convert.ToInt64(hex, 16);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop.ContinueWith(_ => { });
        _http.Dispose();
    }
}

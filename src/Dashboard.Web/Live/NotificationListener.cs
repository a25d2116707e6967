using LeveragedTokens.Hosting;
using Npgsql;

namespace LeveragedTokens.Dashboard.Web.Live;

/// <summary>
/// A Postgres channel the web host LISTENs on. A notification only marks the channel pending (it arrives
/// on the connection's read loop); <see cref="Poll"/> acts on it, so a burst becomes one action.
/// </summary>
public abstract class ListenedChannel(string name)
{
    private int _pending;

    public string Name { get; } = name;

    public void Notified() => Interlocked.Exchange(ref _pending, 1);

    /// <summary>True once per burst of notifications.</summary>
    protected bool TakePending() => Interlocked.Exchange(ref _pending, 0) == 1;

    /// <summary>After each LISTEN (the first, or again after a lost connection, when notifications may have been missed).</summary>
    public virtual void Listening() { }

    /// <summary>Called after every wait on the connection: at least twice a second.</summary>
    public abstract void Poll();
}

/// <summary>
/// The web host's one listening connection: LISTENs on every registered <see cref="ListenedChannel"/>
/// and reconnects with backoff (one session, whatever the number of channels).
/// </summary>
public sealed class NotificationListener(IConfiguration configuration, IEnumerable<ListenedChannel> channels,
    ILogger<NotificationListener> logger) : BackgroundService
{
    private readonly Dictionary<string, ListenedChannel> _channels = channels.ToDictionary(c => c.Name);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "LISTEN {Channels} failed; retrying in {Delay}", _channels.Keys, delay);
                await Task.Delay(delay, ct).ContinueWith(_ => { }, CancellationToken.None);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60));
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.DashboardConnectionString())
        {
            KeepAlive = 30, Pooling = false,
        };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        conn.Notification += (_, e) =>
        {
            if (_channels.TryGetValue(e.Channel, out var channel)) channel.Notified();
        };
        await conn.OpenAsync(ct);
        var listen = string.Join("; ", _channels.Keys.Select(name => $"LISTEN {name}"));
        await using (var cmd = new NpgsqlCommand(listen, conn)) await cmd.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Listening on {Channels}", _channels.Keys);
        foreach (var channel in _channels.Values) channel.Listening();
        while (!ct.IsCancellationRequested)
        {
            await conn.WaitAsync(TimeSpan.FromMilliseconds(500), ct);
            foreach (var channel in _channels.Values) channel.Poll();
        }
    }
}

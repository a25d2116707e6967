using LeveragedTokens.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeveragedTokens.Dashboard.Web.Live;

/// <summary>
/// LISTENs on the indexer's <c>chain_data</c> channel and tells the hub; bursts are coalesced.
/// Also ticks every RefreshSeconds so freshness badges age and a missed NOTIFY heals.
/// </summary>
public sealed class ChainDataListener(IConfiguration configuration, ChainDataHub hub, IOptions<DashboardOptions> options,
    ILogger<ChainDataListener> logger) : BackgroundService
{
    public const string Channel = "chain_data";

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
                logger.LogWarning(ex, "LISTEN {Channel} failed; retrying in {Delay}", Channel, delay);
                await Task.Delay(delay, ct).ContinueWith(_ => { }, CancellationToken.None);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60));
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DataServiceExtensions.ConnectionName))
        {
            KeepAlive = 30, Pooling = false,
        };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        var pending = 0;
        conn.Notification += (_, _) => Interlocked.Exchange(ref pending, 1);
        await conn.OpenAsync(ct);
        await using (var cmd = new NpgsqlCommand($"LISTEN {Channel}", conn)) await cmd.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Listening on {Channel}", Channel);
        var refresh = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        var lastTick = DateTime.MinValue;
        while (!ct.IsCancellationRequested)
        {
            await conn.WaitAsync(TimeSpan.FromMilliseconds(500), ct);
            var sinceTick = DateTime.UtcNow - lastTick;
            if (sinceTick >= TimeSpan.FromSeconds(1) && Interlocked.Exchange(ref pending, 0) == 1)
            {
                hub.Publish();
                lastTick = DateTime.UtcNow;
            }
            else if (sinceTick >= refresh)
            {
                hub.Publish(fromNotification: false);
                lastTick = DateTime.UtcNow;
            }
        }
    }
}

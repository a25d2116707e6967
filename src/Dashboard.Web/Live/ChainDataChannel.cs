using Microsoft.Extensions.Options;
using LeveragedTokens.Data;

namespace LeveragedTokens.Dashboard.Web.Live;

/// <summary>
/// The indexer's <c>chain_data</c> channel: tells the hub, bursts coalesced to at most one publish a second.
/// Also ticks every RefreshSeconds so freshness badges age and a missed NOTIFY heals.
/// </summary>
public sealed class ChainDataChannel(ChainDataHub hub, IOptions<DashboardOptions> options) : ListenedChannel(NotifyChannels.ChainData)
{
    private DateTime _lastPublish;

    /// <summary>A notification may have been missed while the connection was down: refresh at once.</summary>
    public override void Listening() => _lastPublish = DateTime.MinValue;

    public override void Poll()
    {
        var sincePublish = DateTime.UtcNow - _lastPublish;
        if (sincePublish >= TimeSpan.FromSeconds(1) && TakePending())
        {
            hub.Publish();
            _lastPublish = DateTime.UtcNow;
        }
        else if (sincePublish >= TimeSpan.FromSeconds(options.Value.RefreshSeconds))
        {
            hub.Publish(fromNotification: false);
            _lastPublish = DateTime.UtcNow;
        }
    }
}

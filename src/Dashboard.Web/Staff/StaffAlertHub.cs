using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Data;

namespace LeveragedTokens.Dashboard.Web.Staff;

/// <summary>Fan-out of "alerts changed" to open alert pages and badges.</summary>
public sealed class StaffAlertHub(ILogger<StaffAlertHub> logger) : FanOut(logger)
{
    public void Publish() => Notify();
}

/// <summary><c>staff_alerts</c> (an evaluation or a staff action changed alerts) on the web host's listening connection.</summary>
internal sealed class StaffAlertsChannel(StaffAlertHub hub) : ListenedChannel(NotifyChannels.StaffAlerts)
{
    public override void Poll()
    {
        if (TakePending()) hub.Publish();
    }
}

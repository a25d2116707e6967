using System.Globalization;

namespace LeveragedTokens.Data.Sql;

/// <summary>The statements staff alert writers run besides their EF changes, named once.</summary>
public static class AlertSql
{
    private const int LockNamespace = 0x57A1E7;

    /// <summary>Holds the chain's alert lock until the transaction ends: evaluations of one chain take turns.</summary>
    public static FormattableString LockChain(long chainId) => $"SELECT pg_advisory_xact_lock({LockNamespace}, {(int)chainId})";

    /// <summary>Tells the web hosts (LISTEN staff_alerts) that alerts changed; delivered at commit. The payload names the writer.</summary>
    public static FormattableString Changed(string by) => $"SELECT pg_notify({NotifyChannels.StaffAlerts}, {by})";

    public static FormattableString Changed(long chainId) => Changed(chainId.ToString(CultureInfo.InvariantCulture));
}

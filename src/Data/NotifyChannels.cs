namespace LeveragedTokens.Data;

/// <summary>The Postgres NOTIFY channels, named once: the writers send on them, the web host LISTENs.</summary>
public static class NotifyChannels
{
    /// <summary>New or rewound chain rows, sent by the indexer inside its writing transaction.</summary>
    public const string ChainData = "chain_data";

    /// <summary>Staff alerts changed (evaluated, acknowledged, silenced).</summary>
    public const string StaffAlerts = "staff_alerts";
}

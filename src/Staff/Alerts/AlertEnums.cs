using System.Text.Json.Serialization;

namespace LeveragedTokens.Staff.Alerts;

[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity { Info = 0, Warning = 1, Critical = 2 }

/// <summary>The condition an alert watches; one rule can watch several.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind
{
    ReserveNearFloor,
    ReserveBelowFloor,
    RebalancingSuspended,
    MissedPublication,
    LeverageOutOfBand,
    RebalanceOverdue,
    RunwayShort,
    IndexerLag,
    DecodeFailures,
    /// <summary>A saved stress scenario, run now, would suspend a pool.</summary>
    ScenarioWouldSuspend,
}

/// <summary>Derived from the lifecycle columns; see <see cref="Alert.StatusAt"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertStatus>))]
public enum AlertStatus { Open, Acknowledged, Snoozed, Resolved }

namespace LeveragedTokens.Staff.Alerts;

public enum AlertSeverity { Info = 0, Warning = 1, Critical = 2 }

/// <summary>The condition an alert watches; one rule can watch several.</summary>
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
}

/// <summary>Derived from the lifecycle columns; see <see cref="Alert.StatusAt"/>.</summary>
public enum AlertStatus { Open, Acknowledged, Snoozed, Resolved }

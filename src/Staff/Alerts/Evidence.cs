namespace LeveragedTokens.Staff.Alerts;

/// <summary>What a rule watches: kind + subject is the condition key.</summary>
public sealed record Condition(AlertKind Kind, AlertSeverity Severity, string Subject, string SubjectLabel)
{
    public string Key => $"{Kind}:{Subject}";
}

/// <summary>The row (or chain moment) a rule looked at: where an alert fires or resolves.</summary>
public sealed record Evidence(
    long Block, string? TxHash, DateTime Time, decimal? Value, decimal? Threshold, string Unit, string Message);

namespace LeveragedTokens.Staff.Alerts;

/// <summary>What a rule watches: kind + subject is the condition key, with a variant when one subject has several (a saved scenario per pool).</summary>
public sealed record Condition(AlertKind Kind, AlertSeverity Severity, string Subject, string SubjectLabel, string? Variant = null)
{
    public string Key => Variant is null ? $"{Kind}:{Subject}" : $"{Kind}:{Subject}:{Variant}";
}

/// <summary>The row (or chain moment) a rule looked at: where an alert fires or resolves.</summary>
public sealed record Evidence(
    long Block, string? TxHash, DateTime Time, decimal? Value, decimal? Threshold, string Unit, string Message);

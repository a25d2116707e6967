namespace LeveragedTokens.Staff.Alerts;

/// <summary>
/// The unresolved alerts of one chain during one evaluation. Rules report, row by row in block
/// order, whether a condition holds; the book opens an alert when it starts to hold (unless one
/// is already unresolved) and resolves it when it stops.
/// </summary>
public sealed class AlertBook(long chainId, IEnumerable<Alert> unresolved, ChartLinks links)
{
    private readonly Dictionary<string, Alert> _unresolved = unresolved.ToDictionary(a => a.ConditionKey);

    public List<Alert> Fired { get; } = [];
    public List<Alert> Resolved { get; } = [];

    public bool IsOpen(Condition condition) => _unresolved.ContainsKey(condition.Key);

    public void Observe(Condition condition, bool holds, Evidence evidence)
    {
        var key = condition.Key;
        if (holds && !_unresolved.ContainsKey(key))
        {
            var alert = new Alert
            {
                ChainId = chainId,
                Kind = condition.Kind,
                Severity = condition.Severity,
                ConditionKey = key,
                Subject = condition.Subject,
                SubjectLabel = condition.SubjectLabel,
                Message = evidence.Message,
                Value = evidence.Value,
                Threshold = evidence.Threshold,
                Unit = evidence.Unit,
                FiredBlock = evidence.Block,
                FiredTxHash = evidence.TxHash,
                FiredAt = evidence.Time,
                ChartLink = links.For(condition, evidence.Time),
            };
            alert.Actions.Add(AlertAction.ByRule(AlertActionKind.Fired, evidence));
            _unresolved[key] = alert;
            Fired.Add(alert);
        }
        else if (!holds && _unresolved.Remove(key, out var open))
        {
            open.ResolvedAt = evidence.Time;
            open.ResolvedBlock = evidence.Block;
            open.ResolvedTxHash = evidence.TxHash;
            open.Actions.Add(AlertAction.ByRule(AlertActionKind.Resolved, evidence));
            Resolved.Add(open);
        }
    }
}

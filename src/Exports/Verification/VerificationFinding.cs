using LeveragedTokens.Chain;

namespace LeveragedTokens.Exports.Verification;

public enum FindingKind
{
    /// <summary>A row (or the file) says something the chain does not.</summary>
    Mismatch,
    /// <summary>The chain has a log the export covers, and the file has no row for it.</summary>
    Omitted,
    /// <summary>The file has a row that no covered log on the chain accounts for.</summary>
    Extra,
}

/// <param name="Row">The file's row; null for an omitted log or a file-level finding (e.g. the manifest's hash).</param>
/// <param name="Log">The chain's log an omitted finding is about.</param>
public sealed record VerificationFinding(ExportFileRow? Row, string Column, string? Chain, string? File, string Detail,
    FindingKind Kind = FindingKind.Mismatch, RpcLog? Log = null)
{
    /// <summary>One line: kind, where (row, or the chain's log), what, and both values.</summary>
    public override string ToString() =>
        $"{Kind.ToString().ToUpperInvariant()} {Where}: {Column}: {Detail} (chain: {Chain ?? "<none>"}, file: {File ?? "<empty>"})";

    private string Where => Row?.Describe()
        ?? (Log is { } l ? $"block {l.BlockNumber}, log {l.LogIndex}, tx {l.TxHash}" : "file");
}

/// <param name="Completeness">What was proved complete ("blocks A-B of N contracts, final up to ..."), or why it was not checked.</param>
public sealed record VerificationResult(long RowsChecked, IReadOnlyList<VerificationFinding> Findings, string Completeness)
{
    public bool Passed => Findings.Count == 0;
}

/// <summary>The export cannot be verified against this node at all (another chain, several chains, no manifest).</summary>
public sealed class VerificationRefusedException(string message) : InvalidOperationException(message);

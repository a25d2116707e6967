namespace LeveragedTokens.Data.Exports;

/// <summary>How a column is typed in each format.</summary>
public enum ColumnKind
{
    /// <summary>An integer that fits a double exactly (block number, log index, ids): a number cell.</summary>
    Number,
    /// <summary>An exact on-chain integer (uint256/int256) as its decimal digits: text, never rounded.</summary>
    Integer,
    /// <summary>An Integer column scaled by 10^Scale, exact: a number cell in XLSX, a string in JSON.</summary>
    Decimal,
    /// <summary>Free text (symbols, hashes, addresses, names): neutralised against formula injection.</summary>
    Text,
    Boolean,
}

/// <param name="Scale">For Decimal columns: the power of ten the integer twin is divided by.</param>
public sealed record ExportColumn(string Name, ColumnKind Kind, int Scale = 0);

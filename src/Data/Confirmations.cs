namespace LeveragedTokens.Data;

/// <summary>
/// The one definition of "confirmed": a row is final once the indexer's head sits at least
/// Chain:Confirmations blocks on top of and including its block (and at least one block, so a row beyond
/// the known head never is). The API and the pages use the C#, the exports the same rule in SQL.
/// </summary>
public static class Confirmations
{
    /// <summary>Blocks on top of and including <paramref name="block"/>; 0 when the head is unknown or behind it.</summary>
    public static long Depth(long? head, long block) => head is { } h && h >= block ? h - block + 1 : 0;

    public static bool IsConfirmed(long depth, int required) => depth >= Math.Max(1, required);

    /// <summary>The highest block whose rows are final and stored: <see cref="IsConfirmed"/>, capped at the checkpoint.</summary>
    public static long FinalBlock(long indexed, long head, int required) => Math.Min(indexed, head - Math.Max(1, required) + 1);

    /// <summary>
    /// <see cref="FinalBlock"/> in SQL.
    /// Exports hold rows at or below it only, so their bytes do not move with the head.
    /// </summary>
    public static string FinalBlockSql(string indexed, string head, string required) =>
        $"LEAST({indexed}, {head} - GREATEST(1, {required}) + 1)";
}

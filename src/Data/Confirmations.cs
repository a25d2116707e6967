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

    /// <summary>The depth computed by the server (the export's <c>confirmations</c> column).</summary>
    public static string DepthSql(string head, string block) => $"({head} - {block} + 1)";

    /// <summary>'confirmed', 'pending', or 'unknown' when there is no indexer state (<paramref name="required"/> is null).</summary>
    public static string StatusSql(string head, string block, string required) =>
        $"CASE WHEN {required} IS NULL THEN 'unknown' WHEN {DepthSql(head, block)} >= GREATEST(1, {required}) THEN 'confirmed' ELSE 'pending' END";
}

namespace LeveragedTokens.Data;

/// <summary>
/// Postgres text cannot hold U+0000: a parameter carrying one is refused ("invalid byte sequence"),
/// so a name typed with one names nothing and is answered as not found instead of a server error.
/// </summary>
internal static class PostgresText
{
    public static bool CanHold(string text) => !text.Contains('\0');
}

namespace LeveragedTokens.Dashboard.Web.Caching;

/// <summary>
/// Marks a request whose prerendered page may be served to other visitors. Set by the page cache policy
/// before the page renders; read by <see cref="SharedRenderAntiforgery"/>.
/// </summary>
internal static class SharedRender
{
    private static readonly object Key = new();

    public static void Mark(HttpContext ctx) => ctx.Items[Key] = true;

    public static bool IsMarked(HttpContext ctx) => ctx.Items.ContainsKey(Key);
}

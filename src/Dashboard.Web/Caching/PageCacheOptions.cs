using System.ComponentModel.DataAnnotations;

namespace LeveragedTokens.Dashboard.Web.Caching;

/// <summary>Section "PageCache": the prerendered pages anonymous visitors get from memory.</summary>
public sealed class PageCacheOptions
{
    public const string Section = "PageCache";

    /// <summary>
    /// Longest life of a cached page; 0 turns the cache off. The open pages' refresh (a NOTIFY, the tick) evicts sooner. The page carries
    /// Blazor's component descriptors, which stop starting a circuit 5 minutes after they were rendered: the
    /// cap keeps a copy served at the end of its life at least a minute from that.
    /// </summary>
    [Range(0, 240)]
    public int Seconds { get; set; } = 60;

    /// <summary>Paths served from the cache (exact, case-insensitive): pages whose prerender is the same for every visitor.</summary>
    public string[] Paths { get; set; } = ["/"];
}

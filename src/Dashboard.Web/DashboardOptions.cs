using System.ComponentModel.DataAnnotations;

namespace LeveragedTokens.Dashboard.Web;

/// <summary>Section "Dashboard": how the public site judges freshness and links to explorers.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Explorer base URL per chain id, e.g. { "1": "https://etherscan.io" }; links go to {base}/tx/{hash}.</summary>
    public Dictionary<string, string> Explorers { get; set; } = [];

    /// <summary>The feed counts as stale when the indexer has not updated its state for this long.</summary>
    [Range(5, 86_400)]
    public int StaleAfterSeconds { get; set; } = 300;

    /// <summary>...or when it is this many blocks behind the head.</summary>
    [Range(1, 1_000_000)]
    public int StaleLagBlocks { get; set; } = 100;

    /// <summary>How often open pages re-read even without a notification (covers a missed NOTIFY).</summary>
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>API requests per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int ApiPermitsPerMinute { get; set; } = 600;

    public string? ExplorerTxUrl(long chainId, string txHash) =>
        Explorers.TryGetValue(chainId.ToString(System.Globalization.CultureInfo.InvariantCulture), out var b) && !string.IsNullOrWhiteSpace(b)
            ? $"{b.TrimEnd('/')}/tx/{txHash}" : null;
}

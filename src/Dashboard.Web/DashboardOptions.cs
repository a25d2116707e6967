using System.ComponentModel.DataAnnotations;

namespace LeveragedTokens.Dashboard.Web;

/// <summary>Section "Dashboard": how the public site judges freshness and links to explorers.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Explorer base URL per chain id, e.g. { "1": "https://etherscan.io" }; links go to {base}/tx/{hash}.</summary>
    public Dictionary<string, string> Explorers { get; set; } = [];

    /// <summary>A chain's name per chain id (settings add or override entries); an unnamed chain shows as "Chain {id}".</summary>
    public Dictionary<string, string> ChainNames { get; set; } = new()
    {
        ["1"] = "Ethereum", ["10"] = "OP Mainnet", ["137"] = "Polygon", ["8453"] = "Base", ["42161"] = "Arbitrum One", ["31337"] = "Anvil (local)",
    };

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

    public string ChainName(long chainId) =>
        ChainNames.TryGetValue(Key(chainId), out var name) && !string.IsNullOrWhiteSpace(name) ? name : $"Chain {chainId}";

    /// <summary>The chain's explorer base URL, without a trailing slash; null when none is set.</summary>
    public string? Explorer(long chainId) =>
        Explorers.TryGetValue(Key(chainId), out var b) && !string.IsNullOrWhiteSpace(b) ? b.TrimEnd('/') : null;

    public string? ExplorerTxUrl(long chainId, string txHash) => Explorer(chainId) is { } b ? $"{b}/tx/{txHash}" : null;

    private static string Key(long chainId) => chainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

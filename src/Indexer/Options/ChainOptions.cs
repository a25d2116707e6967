using System.ComponentModel.DataAnnotations;
using LeveragedTokens.Chain;

namespace LeveragedTokens.Indexer.Options;

/// <summary>The "Chain" section: which chain to read and how hard to push the node.</summary>
public sealed class ChainOptions : IValidatableObject
{
    public const string Section = "Chain";

    /// <summary>One node (Chain__RpcUrl); the first of the list when RpcUrls is also set.</summary>
    public string? RpcUrl { get; set; }

    /// <summary>More nodes (Chain__RpcUrls__0, __1, ...): tried in turn when one fails.</summary>
    public List<string> RpcUrls { get; set; } = [];

    /// <summary>Expected chain id; start-up fails when the node reports another one.</summary>
    public long? ChainId { get; set; }

    [Required, RegularExpression("^0x[0-9a-fA-F]{40}$", ErrorMessage = "Chain:RegistryAddress must be a 0x-prefixed 20-byte hex address.")]
    public string RegistryAddress { get; set; } = "";

    /// <summary>The registry's deployment block: nothing before it is read.</summary>
    [Range(0, long.MaxValue)]
    public long StartBlock { get; set; }

    /// <summary>Blocks below head that count as final; rows above are marked unconfirmed.</summary>
    [Range(0, 10_000)]
    public int Confirmations { get; set; } = 12;

    /// <summary>How many recent block headers are kept to find the common ancestor of a reorg.</summary>
    [Range(1, 100_000)]
    public int ReorgWindow { get; set; } = 128;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Blocks in the first eth_getLogs call, which probes the chain's density; later calls are sized by the
    /// answers (logs and bytes) and the node's limits. Small, so a dense chain's first answer stays small.
    /// </summary>
    [Range(1, 1_000_000)]
    public int InitialRange { get; set; } = 10;

    [Range(1, 10_000_000)]
    public int MaxRange { get; set; } = 100_000;

    /// <summary>Ranges fetched at once ahead of the writer (a local node is CPU-bound beyond 4-8).</summary>
    [Range(1, 64)]
    public int FetchConcurrency { get; set; } = 4;

    /// <summary>
    /// Only ask for the protocol's topic0s. Off by default so a log with an unknown topic0 at a
    /// watched address still arrives and lands in decode_failures instead of being invisible.
    /// </summary>
    public bool FilterByTopics { get; set; }

    /// <summary>A response bigger than this is treated like "range too large" and split (hosted providers cap at about 10 MB).</summary>
    [Range(1_000_000, int.MaxValue)]
    public int MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A node whose head is behind the best node's by more blocks than this is not used for the tip.</summary>
    [Range(0, 1_000_000)]
    public long MaxHeadLag { get; set; } = 5;

    /// <summary>Consecutive failures that open a node's breaker (it is skipped while another node answers).</summary>
    [Range(1, 1_000)]
    public int BreakAfterFailures { get; set; } = 3;

    /// <summary>How long an open breaker keeps a node out before it is tried again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> AllRpcUrls() =>
        (RpcUrl is { Length: > 0 } ? new[] { RpcUrl } : []).Concat(RpcUrls).Where(u => u.Length > 0).Distinct().ToList();

    /// <summary>The RPC client of the indexer: every node, and a call retried until it succeeds or the host stops.</summary>
    public ChainRpcOptions RpcOptions() => new()
    {
        Urls = AllRpcUrls(), RequestTimeout = RequestTimeout, MaxResponseBytes = MaxResponseBytes,
        MaxHeadLag = MaxHeadLag, BreakAfterFailures = BreakAfterFailures, BreakDuration = BreakDuration,
    };

    public string NormalizedRegistry => RegistryAddress.ToLowerInvariant();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var urls = AllRpcUrls();
        if (urls.Count == 0)
            yield return new ValidationResult("Chain:RpcUrl is not set (environment: Chain__RpcUrl).", [nameof(RpcUrl)]);
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                yield return new ValidationResult($"Chain:RpcUrl '{RpcLogText.Redact(url)}' is not an http(s) URL.", [nameof(RpcUrl)]);
        }
        if (InitialRange > MaxRange)
            yield return new ValidationResult("Chain:InitialRange must not exceed Chain:MaxRange.", [nameof(InitialRange)]);
        if (PollInterval <= TimeSpan.Zero)
            yield return new ValidationResult("Chain:PollInterval must be positive.", [nameof(PollInterval)]);
    }
}

using System.ComponentModel.DataAnnotations;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>Section "Operations": health, metrics, limits and shutdown of a web instance.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>/readyz reports Degraded (still 200) when the indexer is this many blocks behind the node.</summary>
    [Range(1, 1_000_000)]
    public int ReadyLagBlocks { get; set; } = 100;

    /// <summary>...or has not written its status row for this long (indexer stopped or node gone).</summary>
    [Range(5, 86_400)]
    public int ReadyStaleSeconds { get; set; } = 300;

    /// <summary>Optional JSON-RPC URL /readyz asks for eth_blockNumber; unset: the node is judged by the indexer's row.</summary>
    public string? NodeRpcUrl { get; set; }

    /// <summary>How often the indexer and job figures behind /metrics are read from the database.</summary>
    [Range(1, 3600)]
    public int SampleSeconds { get; set; } = 10;

    /// <summary>Serve /metrics only on this local port (a separate Kestrel URL); unset: only to loopback and private networks.</summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>Largest accepted request body (forms, staff APIs); the public API takes none.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Page and export requests per client address per minute (the API has its own limit, Dashboard:ApiPermitsPerMinute).</summary>
    [Range(1, 1_000_000)]
    public int PagePermitsPerMinute { get; set; } = 600;

    [Range(1, 1_000_000)]
    public int ExportPermitsPerMinute { get; set; } = 20;

    /// <summary>Exports stream for long: at most this many at once per client address.</summary>
    [Range(1, 1000)]
    public int ExportConcurrency { get; set; } = 2;

    /// <summary>Path prefixes the limiter treats as expensive, with the exports' budget: exports and stress runs.</summary>
    public string[] ExportPaths { get; set; } = ["/exports", "/api/v1/exports", "/api/staff/exports", "/api/v1/stress"];

    /// <summary>
    /// Seconds an anonymous GET of the public API (not /status) is answered from memory; 0 turns it off.
    /// Absorbs scrapers and traffic spikes: the data changes hourly, a few seconds of age is invisible.
    /// </summary>
    [Range(0, 3600)]
    public int ApiCacheSeconds { get; set; }

    /// <summary>On SIGTERM: /readyz answers 503 and open circuits get this long to finish before the server stops.</summary>
    [Range(0, 600)]
    public int DrainSeconds { get; set; } = 10;

    /// <summary>HostOptions.ShutdownTimeout: the whole stop, drain included.</summary>
    [Range(1, 3600)]
    public int ShutdownTimeoutSeconds { get; set; } = 30;
}

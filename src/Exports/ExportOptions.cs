using System.ComponentModel.DataAnnotations;

namespace LeveragedTokens.Exports;

/// <summary>Bound from the "Exports" configuration section.</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Block explorer per chain id, e.g. { "1": "https://etherscan.io" }; rows link to {base}/tx/{hash}.</summary>
    public Dictionary<long, string> ExplorerBaseUrls { get; set; } = [];

    /// <summary>Cap of the public quick export.</summary>
    [Range(1, 1_000_000)]
    public int QuickExportMaxRows { get; set; } = 1000;

    /// <summary>Stamped into manifests; defaults to this assembly's informational version.</summary>
    public string? SoftwareVersion { get; set; }

    internal string ResolveSoftwareVersion() => SoftwareVersion ?? SoftwareInfo.Version;
}

internal static class SoftwareInfo
{
    public static string Version { get; } =
        typeof(SoftwareInfo).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion ?? "unknown";
}

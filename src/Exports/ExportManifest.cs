using System.Text.Json;
using System.Text.Json.Serialization;
using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Exports;

/// <summary>
/// Written beside every export file: how to reproduce it (query, schema, software) and how to
/// trust it (row count, block range, the indexer checkpoint it was read at, the file's SHA-256, and per
/// chain the final block the rows are pinned to and the contracts they cover completely).
/// The export time and the finality live here, never in the data file, so repeats stay byte-identical.
/// </summary>
public sealed record ExportManifest
{
    public required int SchemaVersion { get; init; }
    public required string Dataset { get; init; }
    public required string Format { get; init; }
    public required string FileName { get; init; }
    public required ExportQuery Query { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required long RowCount { get; init; }
    /// <summary>True when a row cap cut the export short (the public quick export).</summary>
    public required bool Truncated { get; init; }
    public int? RowCap { get; init; }
    public BlockRange? BlockRange { get; init; }
    public required IReadOnlyList<IndexerCheckpoint> IndexerCheckpoints { get; init; }
    /// <summary>Per chain: final up to which block, and every log of the dataset's events from which contracts it holds.</summary>
    public required IReadOnlyList<ChainCoverage> Coverage { get; init; }
    public required string Sha256 { get; init; }
    public required long Bytes { get; init; }
    public required string SoftwareVersion { get; init; }
    public required DateTime GeneratedAt { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
    public static ExportManifest FromJson(string json) =>
        JsonSerializer.Deserialize<ExportManifest>(json, JsonOptions) ?? throw new FormatException("Empty manifest.");
}

public sealed record BlockRange(long First, long Last);

/// <summary>
/// What an export holds of one chain: every log of its dataset's events that <paramref name="Contracts"/> emitted in
/// blocks <paramref name="FromBlock"/>..<paramref name="FinalBlock"/> (within the query's times), all of them final.
/// The hash is null only when the database no longer knows it (an old explicit toBlock with no log in it).
/// </summary>
public sealed record ChainCoverage(long ChainId, long FromBlock, long FinalBlock, string? FinalBlockHash, IReadOnlyList<string> Contracts)
{
    public string Finality => $"final up to block {FinalBlock} (hash {FinalBlockHash ?? "unknown"})";
}

/// <summary>indexer_state of one chain as the export's snapshot saw it, and the final block it implies.</summary>
public sealed record IndexerCheckpoint(
    long ChainId, long IndexedBlock, string? IndexedBlockHash, long HeadBlock, int Confirmations, DateTime UpdatedAt, long FinalBlock);

using System.Text.Json;
using System.Text.Json.Serialization;
using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Exports;

/// <summary>
/// Written beside every export file: how to reproduce it (query, schema, software) and how to
/// trust it (row count, block range, the indexer checkpoint it was read at, the file's SHA-256).
/// The export time lives here, never in the data file, so repeats stay byte-identical.
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

/// <summary>indexer_state of one chain as the export's snapshot saw it.</summary>
public sealed record IndexerCheckpoint(
    long ChainId, long IndexedBlock, string? IndexedBlockHash, long HeadBlock, int Confirmations, DateTime UpdatedAt);

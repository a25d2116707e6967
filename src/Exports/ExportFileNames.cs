using System.Globalization;
using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Exports;

/// <summary>
/// File names carry the dataset, the schema version and the filters, e.g.
/// "rebalances.v2.chain-31337.token-0xab...cd.blocks-100-200.csv"; a capped quick export says so ("first-1000").
/// </summary>
public static class ExportFileNames
{
    public static string For(ExportQuery query, ExportFormat format)
    {
        var parts = new List<string> { ExportSchemas.For(query.Dataset).FileStem, "v" + ExportSchemas.Version };
        if (query.ChainId is { } chain) parts.Add("chain-" + chain.ToString(CultureInfo.InvariantCulture));
        if (ExportSql.Normalise(query.Token) is { } token) parts.Add("token-" + token);
        if (ExportSql.Normalise(query.Pool) is { } pool) parts.Add("pool-" + pool);
        if (query.FromBlock is not null || query.ToBlock is not null)
            parts.Add($"blocks-{query.FromBlock?.ToString(CultureInfo.InvariantCulture) ?? "start"}-{query.ToBlock?.ToString(CultureInfo.InvariantCulture) ?? "end"}");
        if (query.FromTime is not null || query.ToTime is not null)
            parts.Add($"time-{Stamp(query.FromTime) ?? "start"}-{Stamp(query.ToTime) ?? "end"}");
        if (query.MaxRows is { } cap) parts.Add("first-" + cap.ToString(CultureInfo.InvariantCulture));
        return string.Join('.', parts) + Extension(format);
    }

    public static string ManifestFor(string exportPath) => exportPath + ".manifest.json";

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Csv => ".csv",
        ExportFormat.JsonLines => ".jsonl",
        ExportFormat.Xlsx => ".xlsx",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8; header=present",
        ExportFormat.JsonLines => "application/jsonl; charset=utf-8",
        ExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static string? Stamp(DateTime? t) =>
        t?.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}

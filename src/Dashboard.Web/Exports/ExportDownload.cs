using System.Globalization;
using System.IO.Compression;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Exports;

namespace LeveragedTokens.Dashboard.Web.Exports;

/// <summary>How an export reaches the browser: streamed straight from Postgres, or as a zip with its manifest.</summary>
internal static class ExportDownload
{
    /// <summary>"csv" | "jsonl" | "xlsx".</summary>
    public static bool TryFormat(string? text, out ExportFormat format)
    {
        (var ok, format) = text switch
        {
            "csv" => (true, ExportFormat.Csv),
            "jsonl" => (true, ExportFormat.JsonLines),
            "xlsx" => (true, ExportFormat.Xlsx),
            _ => (false, ExportFormat.Csv),
        };
        return ok;
    }

    /// <summary>"rebalances" | "reserve-ledger" | "reserve-metrics" (the file stems).</summary>
    public static bool TryDataset(string? text, out ExportDataset dataset)
    {
        (var ok, dataset) = text switch
        {
            "rebalances" => (true, ExportDataset.Rebalances),
            "reserve-ledger" => (true, ExportDataset.ReserveLedger),
            "reserve-metrics" => (true, ExportDataset.ReserveMetrics),
            _ => (false, ExportDataset.Rebalances),
        };
        return ok;
    }

    public static string Stem(ExportDataset dataset) => dataset switch
    {
        ExportDataset.ReserveLedger => "reserve-ledger",
        ExportDataset.ReserveMetrics => "reserve-metrics",
        _ => "rebalances",
    };

    public static string Extension(ExportFormat format) => ExportFileNames.Extension(format).TrimStart('.');

    /// <summary>
    /// Streams the rows as they are read (constant memory, no row cap beyond the query's own). The
    /// manifest is only known after the last byte, so it does not travel with this response: see
    /// <see cref="Bundle"/>.
    /// </summary>
    public static IResult Stream(AuditExport export, ExportQuery query, ExportFormat format) => new StreamedExport(export, query, format);

    /// <summary>
    /// The export and its manifest in one zip. WriteFileAsync writes both into a private temp folder
    /// from one database snapshot, so the manifest's SHA-256, row count and checkpoint describe exactly
    /// these bytes. Re-running the query for a separate manifest request would not: without
    /// a toBlock the rows are pinned to the final block, which moves with the head. Costs disk (about twice the file) instead of memory;
    /// the zip deletes itself once sent.
    /// </summary>
    public static async Task<IResult> Bundle(AuditExport export, ExportQuery query, ExportFormat format, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("audit-export-");
        var zipPath = folder.FullName + ".zip";
        try
        {
            var manifest = await export.WriteFileAsync(query, format, folder.FullName, ct);
            // File to file on a thread-pool thread; the response itself is written asynchronously below.
            await Task.Run(() => ZipFile.CreateFromDirectory(folder.FullName, zipPath, CompressionLevel.Fastest, includeBaseDirectory: false), ct);
            var zip = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            return new BundleResult(zip, manifest);
        }
        catch
        {
            File.Delete(zipPath);
            throw;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Headers(HttpContext http, string fileName, string contentType)
    {
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.Headers.CacheControl = "no-store";
    }

    private sealed class StreamedExport(AuditExport export, ExportQuery query, ExportFormat format) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            Headers(http, ExportFileNames.For(query, format), ExportFileNames.ContentType(format));
            if (query.MaxRows is { } cap) http.Response.Headers["X-Export-Row-Cap"] = cap.ToString(CultureInfo.InvariantCulture);
            await export.WriteAsync(query, format, http.Response.Body, http.RequestAborted);
        }
    }

    private sealed class BundleResult(FileStream zip, ExportManifest manifest) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            await using (zip)
            {
                Headers(http, manifest.FileName + ".zip", "application/zip");
                http.Response.ContentLength = zip.Length;
                http.Response.Headers["X-Export-Sha256"] = manifest.Sha256;
                http.Response.Headers["X-Export-Rows"] = manifest.RowCount.ToString(CultureInfo.InvariantCulture);
                await zip.CopyToAsync(http.Response.Body, http.RequestAborted);
            }
        }
    }
}

using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Exports.Writers;

/// <summary>
/// Renders rows of one format into a <see cref="StagingStream"/> synchronously; the engine drains
/// the staged bytes to the real output asynchronously (an HTTP response forbids sync writes).
/// </summary>
internal interface IExportRowWriter : IDisposable
{
    void WriteHeader(IReadOnlyList<ExportColumn> columns);
    /// <summary>Values in column order; null is an empty cell.</summary>
    void WriteRow(string?[] values);
    /// <summary>Writes whatever closes the file (XLSX: the workbook parts and zip directory).</summary>
    void Complete();

    static IExportRowWriter Create(ExportFormat format, Stream staging) => format switch
    {
        ExportFormat.Csv => new CsvRowWriter(staging),
        ExportFormat.JsonLines => new JsonLinesRowWriter(staging),
        ExportFormat.Xlsx => new XlsxRowWriter(staging),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}

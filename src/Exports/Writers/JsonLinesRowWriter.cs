using System.Text.Encodings.Web;
using System.Text.Json;
using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Exports.Writers;

/// <summary>
/// One JSON object per line (LF). Number columns are JSON numbers; exact integers and decimals are
/// strings so no JSON reader rounds them through a double.
/// </summary>
internal sealed class JsonLinesRowWriter(Stream staging) : IExportRowWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly Utf8JsonWriter _json = new(staging, Options);
    private JsonEncodedText[] _names = [];
    private IReadOnlyList<ExportColumn> _columns = [];

    public void WriteHeader(IReadOnlyList<ExportColumn> columns)
    {
        _columns = columns;
        _names = [.. columns.Select(c => JsonEncodedText.Encode(c.Name, Options.Encoder))];
    }

    public void WriteRow(string?[] values)
    {
        _json.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value is null) _json.WriteNull(_names[i]);
            else switch (_columns[i].Kind)
            {
                case ColumnKind.Number: _json.WritePropertyName(_names[i]); _json.WriteRawValue(value, skipInputValidation: true); break;
                case ColumnKind.Boolean: _json.WriteBoolean(_names[i], value == "true"); break;
                default: _json.WriteString(_names[i], value); break;
            }
        }
        _json.WriteEndObject();
        _json.Flush();
        // Utf8JsonWriter writes no separators between top-level values by itself.
        staging.WriteByte((byte)'\n');
        _json.Reset();
    }

    public void Complete() => _json.Flush();
    public void Dispose() => _json.Dispose();
}

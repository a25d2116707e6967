using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Stress;

public enum StressFormat { Json, Csv }

/// <summary>
/// A stress result as a file: the API's JSON answer (<see cref="StressDocument"/>) as it is, or the same document
/// flattened to CSV, one figure a row. Both carry the starting block and the model's parameters (scenario, liquidity
/// multiplier, each underlying's slippage fit), so a result can be reproduced and checked.
/// </summary>
public static class StressExport
{
    /// <summary>ASP.NET Core's own defaults: the file's JSON is byte for byte the API's answer.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string CsvHeader = "record,subject,hour,time,field,raw,value";

    public static bool TryFormat(string? text, out StressFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format) && !text!.All(char.IsAsciiDigit);

    public static string ContentType(StressFormat format) => format == StressFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";

    public static string FileName(StressDto document, StressFormat format) =>
        $"stress-block-{document.AtBlock}-{document.Scenario.Kind}.{format.ToString().ToLowerInvariant()}";

    public static string Write(StressDto document, StressFormat format) =>
        format == StressFormat.Json ? JsonSerializer.Serialize(document, Json) : Csv(document);

    /// <summary>
    /// Rows of <c>record,subject,hour,time,field,raw,value</c>: <c>parameter</c> rows (atBlock, the scenario), then per
    /// token and pool their figures (<c>token</c>, <c>pool</c>, <c>pool.slippageModel…</c>) and their hourly or per-event
    /// rows (<c>token.rebalances</c>, <c>token.path</c>, <c>pool.path</c>…) with hour and time. An exact figure has its
    /// integer in <c>raw</c> and its decimal in <c>value</c>; field names are the JSON's.
    /// </summary>
    private static string Csv(StressDto document)
    {
        var root = JsonSerializer.SerializeToNode(document, Json)!.AsObject();
        var csv = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var (name, node) in root)
        {
            if (node is JsonArray subjects)
                foreach (var subject in subjects.OfType<JsonObject>())
                    Fields(csv, name.TrimEnd('s'), Text(subject["symbol"] ?? subject["underlying"]), subject, null, null, "");
            else
                Fields(csv, "parameter", null, new JsonObject { [name] = node?.DeepClone() }, null, null, "");
        }
        return csv.ToString();
    }

    private static void Fields(StringBuilder csv, string record, string? subject, JsonObject obj, JsonNode? hour, JsonNode? time, string prefix)
    {
        foreach (var (name, node) in obj)
        {
            if (hour is not null && name is "hour" or "time") continue;
            switch (node)
            {
                case JsonObject exact when exact.Count == 2 && exact["raw"] is not null && exact["value"] is not null:
                    Row(csv, record, subject, hour, time, prefix + name, Text(exact["raw"]), Text(exact["value"]), valueIsText: false);
                    break;
                case JsonObject nested:
                    Fields(csv, record, subject, nested, hour, time, prefix + name + ".");
                    break;
                case JsonArray items:
                    foreach (var item in items.OfType<JsonObject>()) Fields(csv, $"{record}.{name}", subject, item, item["hour"], item["time"], "");
                    break;
                default:
                    Row(csv, record, subject, hour, time, prefix + name, null, Text(node), valueIsText: node?.GetValueKind() == JsonValueKind.String);
                    break;
            }
        }
    }

    private static void Row(StringBuilder csv, string record, string? subject, JsonNode? hour, JsonNode? time, string field, string? raw, string? value, bool valueIsText) =>
        CsvField.AppendLine(csv, [record, subject, Text(hour), Text(time), field, raw, value], i => i is 0 or 1 or 4 || (i == 6 && valueIsText));

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}

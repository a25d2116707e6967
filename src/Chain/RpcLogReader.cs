using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeveragedTokens.Chain;

/// <summary>
/// Reads one log object straight from the answer's UTF-8 bytes: each hex field becomes one
/// lower-case string, each quantity a number, without a string or document in between. Unknown
/// fields are skipped; escaped strings (legal JSON, rare) take a slower unescaping path.
/// </summary>
public sealed class RpcLogReader : JsonConverter<RpcLog>
{
    public override RpcLog Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a log is not a JSON object");
        string address = "", data = "0x", blockHash = "", txHash = "";
        string[] topics = [];
        long blockNumber = 0, txIndex = 0, logIndex = 0;
        long? timestamp = null;
        var removed = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Field(ref reader);
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) continue;
            switch (field)
            {
                case LogField.Address: address = LowerHex(ref reader); break;
                case LogField.Topics: topics = ReadTopics(ref reader); break;
                case LogField.Data: data = LowerHex(ref reader); break;
                case LogField.BlockHash: blockHash = LowerHex(ref reader); break;
                case LogField.BlockNumber: blockNumber = Quantity(ref reader); break;
                case LogField.BlockTimestamp: timestamp = Quantity(ref reader); break;
                case LogField.TransactionHash: txHash = LowerHex(ref reader); break;
                case LogField.TransactionIndex: txIndex = Quantity(ref reader); break;
                case LogField.LogIndex: logIndex = Quantity(ref reader); break;
                case LogField.Removed: removed = reader.GetBoolean(); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("a log object ends early");
        return new RpcLog
        {
            Address = address, Topics = topics, Data = data, BlockHash = blockHash, BlockNumber = blockNumber, BlockTimestamp = timestamp,
            TxHash = txHash, TxIndex = checked((int)txIndex), LogIndex = checked((int)logIndex), Removed = removed,
        };
    }

    public override void Write(Utf8JsonWriter writer, RpcLog value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Logs are read from nodes, never sent to them.");

    private enum LogField { Other, Address, Topics, Data, BlockHash, BlockNumber, BlockTimestamp, TransactionHash, TransactionIndex, LogIndex, Removed }

    private static LogField Field(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("address"u8) ? LogField.Address
        : reader.ValueTextEquals("topics"u8) ? LogField.Topics
        : reader.ValueTextEquals("data"u8) ? LogField.Data
        : reader.ValueTextEquals("blockHash"u8) ? LogField.BlockHash
        : reader.ValueTextEquals("blockNumber"u8) ? LogField.BlockNumber
        : reader.ValueTextEquals("blockTimestamp"u8) ? LogField.BlockTimestamp
        : reader.ValueTextEquals("transactionHash"u8) ? LogField.TransactionHash
        : reader.ValueTextEquals("transactionIndex"u8) ? LogField.TransactionIndex
        : reader.ValueTextEquals("logIndex"u8) ? LogField.LogIndex
        : reader.ValueTextEquals("removed"u8) ? LogField.Removed
        : LogField.Other;

    private static string[] ReadTopics(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("topics is not an array");
        var topics = new List<string>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) topics.Add(LowerHex(ref reader));
        return [.. topics];
    }

    private static string LowerHex(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"expected a hex string, found {reader.TokenType}");
        var utf8 = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        if (Ascii.IsValid(utf8))
            return string.Create(utf8.Length, utf8, static (chars, bytes) => Ascii.ToLower(bytes, chars, out _));
        return Encoding.UTF8.GetString(utf8).ToLowerInvariant(); // not hex at all; the checks downstream reject it
    }

    private static long Quantity(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"expected a hex quantity, found {reader.TokenType}");
        var utf8 = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        if (utf8.Length < 3 || utf8[0] != '0' || (utf8[1] | 0x20) != 'x' || utf8.Length > 18)
            throw new JsonException("not a 0x hex quantity of at most 63 bits");
        long value = 0;
        foreach (var b in utf8[2..])
        {
            var digit = HexDigit(b);
            if (digit < 0) throw new JsonException("not a 0x hex quantity");
            value = (value << 4) | (uint)digit;
        }
        return value >= 0 ? value : throw new JsonException("hex quantity above 2^63");
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}

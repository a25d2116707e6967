using System.Numerics;
using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace LeveragedTokens.Indexer.Decoding;

/// <summary>
/// Fills an event DTO from a log whose parameters are all static (every event but the
/// registry's two with strings), word by word, driven by the DTO's own [Parameter] attributes.
/// Nethereum's general decoder costs ~80 µs per log, which capped backfill at ~4,000 events/s;
/// this one is a few µs. Only called after <see cref="EventShape.Mismatch"/> passed, so every
/// word is known to fit its type. A test checks it against Nethereum on random values.
/// </summary>
public static class StaticEventDecoder<T> where T : IEventDTO, new()
{
    private static readonly (PropertyInfo Property, string Type, bool Indexed)[] Parameters = typeof(T).GetProperties()
        .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
        .Where(x => x.Attribute is not null)
        .OrderBy(x => x.Attribute!.Order)
        .Select(x => (x.Property, x.Attribute!.Type, x.Attribute.Parameter.Indexed))
        .ToArray();

    public static T Decode(string[] topics, string data)
    {
        var dto = new T();
        int topic = 1, word = 0;
        foreach (var (property, type, indexed) in Parameters)
        {
            var hex = indexed ? topics[topic++].AsSpan(2) : data.AsSpan(2 + 64 * word++, 64);
            property.SetValue(dto, Convert(type, hex));
        }
        return dto;
    }

    private static object Convert(string type, ReadOnlySpan<char> hex)
    {
        Span<byte> bytes = stackalloc byte[32];
        System.Convert.FromHexString(hex, bytes, out _, out _);
        return type switch
        {
            "uint256" => new BigInteger(bytes, isUnsigned: true, isBigEndian: true),
            "int256" => new BigInteger(bytes, isUnsigned: false, isBigEndian: true),
            "bool" => bytes[31] == 1,
            "address" => "0x" + System.Convert.ToHexStringLower(bytes[12..]),
            "uint8" => bytes[31],
            "uint16" => (ushort)((bytes[30] << 8) | bytes[31]),
            "uint32" => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[28..]),
            "uint64" => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
            _ => throw new NotSupportedException($"ABI type {type} is not static-decodable"),
        };
    }
}

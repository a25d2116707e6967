using System.Buffers.Binary;
using System.Numerics;
using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace LeveragedTokens.Indexer.Decoding;

/// <summary>
/// Fills an event DTO from a log whose parameters are all static (every event but the
/// registry's two with strings), word by word, driven by the DTO's own [Parameter] attributes.
/// Nethereum's general decoder costs ~80 µs per log, which capped backfill at ~4,000 events/s;
/// this one decodes each 32-byte word from the hex on the stack and sets the property through a
/// typed delegate (no boxing, no reflection per log). Only called after <see cref="EventShape.Mismatch"/>
/// passed, so every word is known to fit its type. A test checks it against Nethereum.
/// </summary>
public static class StaticEventDecoder<T> where T : IEventDTO, new()
{
    private delegate void WordSetter(T dto, ReadOnlySpan<byte> word);

    private static readonly (WordSetter Set, bool Indexed)[] Parameters = typeof(T).GetProperties()
        .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
        .Where(x => x.Attribute is not null)
        .OrderBy(x => x.Attribute!.Order)
        .Select(x => (SetterFor(x.Property, x.Attribute!.Type), x.Attribute.Parameter.Indexed))
        .ToArray();

    public static T Decode(string[] topics, string data)
    {
        var dto = new T();
        Span<byte> word = stackalloc byte[32];
        int topic = 1, index = 0;
        foreach (var (set, indexed) in Parameters)
        {
            var hex = indexed ? topics[topic++].AsSpan(2) : data.AsSpan(2 + 64 * index++, 64);
            Convert.FromHexString(hex, word, out _, out _);
            set(dto, word);
        }
        return dto;
    }

    private static WordSetter SetterFor(PropertyInfo property, string type) => type switch
    {
        "uint256" => Typed<BigInteger>(property, static w => new BigInteger(w, isUnsigned: true, isBigEndian: true)),
        "int256" => Typed<BigInteger>(property, static w => new BigInteger(w, isUnsigned: false, isBigEndian: true)),
        "bool" => Typed<bool>(property, static w => w[31] == 1),
        "address" => Typed<string>(property, static w => "0x" + Convert.ToHexStringLower(w[12..])),
        "uint8" => Typed<byte>(property, static w => w[31]),
        "uint16" => Typed<ushort>(property, static w => BinaryPrimitives.ReadUInt16BigEndian(w[30..])),
        "uint32" => Typed<uint>(property, static w => BinaryPrimitives.ReadUInt32BigEndian(w[28..])),
        "uint64" => Typed<ulong>(property, static w => BinaryPrimitives.ReadUInt64BigEndian(w[24..])),
        _ => throw new NotSupportedException($"ABI type {type} is not static-decodable"),
    };

    private delegate TValue WordValue<out TValue>(ReadOnlySpan<byte> word);

    private static WordSetter Typed<TValue>(PropertyInfo property, WordValue<TValue> value)
    {
        var set = property.SetMethod!.CreateDelegate<Action<T, TValue>>();
        return (dto, word) => set(dto, value(word));
    }
}

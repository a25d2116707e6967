using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace LeveragedTokens.Indexer.Decoding;

/// <summary>
/// The ABI shape of one event DTO, read from its [Parameter] attributes, used to reject logs
/// that Nethereum would decode "successfully" into wrong values: wrong topic count, data of
/// the wrong length, or words that do not fit their type (a uint8 topic holding 256).
/// </summary>
public sealed class EventShape
{
    private readonly (string Type, bool Indexed)[] _parameters;

    private EventShape(string name, string topic0, (string, bool)[] parameters)
    {
        Name = name;
        Topic0 = topic0;
        _parameters = parameters;
        IndexedCount = parameters.Count(p => p.Item2);
        HeadWords = parameters.Count(p => !p.Item2);
        HasDynamic = parameters.Any(p => !p.Item2 && IsDynamic(p.Item1));
    }

    public string Name { get; }
    public string Topic0 { get; }
    public int IndexedCount { get; }
    public int HeadWords { get; }
    public bool HasDynamic { get; }

    public static EventShape Of<T>() where T : IEventDTO
    {
        var name = typeof(T).GetCustomAttribute<EventAttribute>()!.Name;
        var parameters = typeof(T).GetProperties()
            .Select(p => p.GetCustomAttribute<ParameterAttribute>())
            .Where(a => a is not null)
            .OrderBy(a => a!.Order)
            .Select(a => (a!.Type, a.Parameter.Indexed))
            .ToArray();
        var topic0 = "0x" + EventExtensions.GetEventABI<T>().Sha3Signature.ToLowerInvariant();
        return new EventShape(name, topic0, parameters);
    }

    /// <summary>Null when the log has this event's exact shape, else why not.</summary>
    public string? Mismatch(string[] topics, string data)
    {
        if (topics.Length != 1 + IndexedCount) return $"{Name} expects {1 + IndexedCount} topics, log has {topics.Length}";
        if (!data.StartsWith("0x", StringComparison.Ordinal) || data.Length % 2 != 0) return "data is not 0x hex of whole bytes";
        var bytes = (data.Length - 2) / 2;
        if (HasDynamic ? bytes < HeadWords * 32 : bytes != HeadWords * 32)
            return $"{Name} expects {(HasDynamic ? "at least " : "")}{HeadWords * 32} data bytes, log has {bytes}";
        int topic = 1, word = 0;
        foreach (var (type, indexed) in _parameters)
        {
            var hex = indexed ? topics[topic++].AsSpan(2) : data.AsSpan(2 + 64 * word++, 64);
            if (hex.Length != 64) return $"topic {topic - 1} is not 32 bytes";
            if (!IsDynamic(type) && !Fits(type, hex)) return $"{type} value 0x{hex} out of range";
        }
        return null;
    }

    private static bool IsDynamic(string type) => type is "string" or "bytes" || type.EndsWith("[]", StringComparison.Ordinal);

    private static bool Fits(string type, ReadOnlySpan<char> word)
    {
        int bits = type switch
        {
            "address" => 160,
            "bool" => 1,
            "uint256" or "int256" or "bytes32" => 256,
            _ when type.StartsWith("uint", StringComparison.Ordinal) => int.Parse(type.AsSpan(4)),
            _ => 256,
        };
        if (bits == 256) return true;
        if (word[..((256 - bits) / 4)].ContainsAnyExcept('0')) return false;
        return bits != 1 || word[63] is '0' or '1';
    }
}

using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace LeveragedTokens.Protocol.Events;

// Field order and types follow the public interface in shared/design/protocol.md exactly.

[Event("ReservePoolRegistered")]
public sealed class ReservePoolRegisteredEvent : IEventDTO
{
    [Parameter("address", "pool", 1, true)] public string Pool { get; set; } = "";
    [Parameter("string", "underlying", 2, false)] public string Underlying { get; set; } = "";
    [Parameter("uint16", "floorBps", 3, false)] public ushort FloorBps { get; set; }
}

[Event("TokenRegistered")]
public sealed class TokenRegisteredEvent : IEventDTO
{
    [Parameter("address", "token", 1, true)] public string Token { get; set; } = "";
    [Parameter("address", "pool", 2, true)] public string Pool { get; set; } = "";
    [Parameter("string", "symbol", 3, false)] public string Symbol { get; set; } = "";
    [Parameter("bool", "isLong", 4, false)] public bool IsLong { get; set; }
    [Parameter("uint256", "targetLeverage", 5, false)] public BigInteger TargetLeverage { get; set; }
    [Parameter("uint256", "minLeverage", 6, false)] public BigInteger MinLeverage { get; set; }
    [Parameter("uint256", "maxLeverage", 7, false)] public BigInteger MaxLeverage { get; set; }
    [Parameter("uint32", "fallbackInterval", 8, false)] public uint FallbackInterval { get; set; }
}

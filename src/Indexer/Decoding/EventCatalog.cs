using LeveragedTokens.Protocol.Events;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace LeveragedTokens.Indexer.Decoding;

/// <summary>Every event of the public interface (protocol.md), by topic0.</summary>
public static class EventCatalog
{
    public static readonly EventShape ReservePoolRegistered = EventShape.Of<ReservePoolRegisteredEvent>();
    public static readonly EventShape TokenRegistered = EventShape.Of<TokenRegisteredEvent>();
    public static readonly EventShape Rebalanced = EventShape.Of<RebalancedEvent>();
    public static readonly EventShape RebalanceDeferred = EventShape.Of<RebalanceDeferredEvent>();
    public static readonly EventShape NavSnapshot = EventShape.Of<NavSnapshotEvent>();
    public static readonly EventShape Transfer = EventShape.Of<TransferEvent>();
    public static readonly EventShape ReserveMetricsPublished = EventShape.Of<ReserveMetricsPublishedEvent>();
    public static readonly EventShape ReserveDrawn = EventShape.Of<ReserveDrawnEvent>();
    public static readonly EventShape FeesAllocated = EventShape.Of<FeesAllocatedEvent>();
    public static readonly EventShape CapitalInjected = EventShape.Of<CapitalInjectedEvent>();
    public static readonly EventShape RebalancingSuspended = EventShape.Of<RebalancingSuspendedEvent>();
    public static readonly EventShape RebalancingResumed = EventShape.Of<RebalancingResumedEvent>();

    public static readonly IReadOnlyDictionary<string, EventShape> ByTopic0 = new[]
    {
        ReservePoolRegistered, TokenRegistered, Rebalanced, RebalanceDeferred, NavSnapshot, Transfer,
        ReserveMetricsPublished, ReserveDrawn, FeesAllocated, CapitalInjected, RebalancingSuspended, RebalancingResumed,
    }.ToDictionary(s => s.Topic0, StringComparer.Ordinal);

    public static readonly IReadOnlyCollection<string> AllTopic0s = ByTopic0.Keys.ToArray();

    /// <summary>Decodes a log already checked by <see cref="EventShape.Mismatch"/>.</summary>
    public static T Decode<T>(string[] topics, string data) where T : IEventDTO, new() =>
        typeof(T) == typeof(ReservePoolRegisteredEvent) || typeof(T) == typeof(TokenRegisteredEvent)
            ? DecodeWithNethereum<T>(topics, data) // strings: Nethereum's general decoder
            : StaticEventDecoder<T>.Decode(topics, data);

    public static T DecodeWithNethereum<T>(string[] topics, string data) where T : IEventDTO, new() =>
        new Nethereum.ABI.FunctionEncoding.EventTopicDecoder().DecodeTopics<T>(topics.Cast<object>().ToArray(), data);
}

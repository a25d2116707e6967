namespace LeveragedTokens.Chain;

/// <summary>The eth_getLogs filter: a block range, addresses, optionally a set of topic0s.</summary>
public sealed record LogFilter(long From, long To, IReadOnlyCollection<string> Addresses, IReadOnlyCollection<string>? Topic0s = null)
{
    public long Span => To - From + 1;

    public object ToParameter()
    {
        var filter = new Dictionary<string, object>
        {
            ["fromBlock"] = Hex.From(From),
            ["toBlock"] = Hex.From(To),
            ["address"] = Addresses.ToArray(),
        };
        if (Topic0s is { Count: > 0 }) filter["topics"] = new object[] { Topic0s.ToArray() };
        return filter;
    }
}

/// <summary>An eth_getLogs answer: the logs, and how many bytes the node sent for them.</summary>
public sealed record LogsAnswer(RpcLog[] Logs, long Bytes);

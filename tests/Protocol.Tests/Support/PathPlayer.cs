namespace LeveragedTokens.Protocol.Tests.Support;

/// <summary>Plays one price path per pool through the keeper's hourly tick on a frictionless
/// deployment and reports each token's NAV growth (final NAV over opening NAV).</summary>
public static class PathPlayer
{
    public static async Task<IReadOnlyDictionary<string, double>> PlayAsync(
        ProtocolHarness chain, ProtocolSpec spec, IReadOnlyList<decimal[]> pathPerPool)
    {
        var protocol = await chain.DeployAsync(spec);
        var opening = protocol.Tokens.Select(t => ProtocolHarness.Mint(t, 1_000_000m));
        await chain.TickAsync(protocol, pathPerPool.Select(p => p[0]), opening);
        for (var hour = 1; hour < pathPerPool[0].Length; hour++)
            await chain.TickAsync(protocol, pathPerPool.Select(p => p[hour]));

        var growth = new Dictionary<string, double>();
        foreach (var token in protocol.Tokens)
            growth[token.Symbol] = Wad.ToDouble(await chain.ReadAsync<NavFunction, BigInteger>(token.Address)) / 100;
        return growth;
    }
}

namespace LeveragedTokens.Protocol.Deployment;

public sealed record DeployedPool(string Underlying, string Address, string SpotPool);

public sealed record DeployedToken(string Symbol, string Address, string Pool, bool IsLong);

/// <summary>Addresses of one deployment; pools and tokens in registration order.</summary>
public sealed record DeployedProtocol(
    long ChainId, string Registry, string Oracle, long DeploymentBlock,
    IReadOnlyList<DeployedPool> Pools, IReadOnlyList<DeployedToken> Tokens);

using LeveragedTokens.Chain;
using LeveragedTokens.Indexer.Options;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Indexer.Hosting;

/// <summary>Start-up checks of the configured chain: reachable, the expected chain id, a registry with code.</summary>
public sealed class ChainCheck(ChainRpc rpc, IOptions<ChainOptions> options)
{
    /// <summary>The node's chain id; throws <see cref="ChainCheckException"/> with a one-line reason.</summary>
    public async Task<long> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        long chainId;
        try
        {
            chainId = await rpc.ChainIdAsync(ct, RpcCallOptions.Check);
        }
        catch (RpcCallFailedException e)
        {
            throw new ChainCheckException($"The node at {string.Join(", ", o.AllRpcUrls().Select(RpcLogText.Redact))} is unreachable or not answering JSON-RPC ({e.Failure.Message}).");
        }
        if (o.ChainId is { } expected && expected != chainId)
            throw new ChainCheckException($"Chain:ChainId is {expected} but the node at {RpcLogText.Redact(o.AllRpcUrls()[0])} serves chain {chainId}.");
        var code = await rpc.CodeAsync(o.RegistryAddress, ct, RpcCallOptions.Check);
        if (string.IsNullOrEmpty(code) || code == "0x")
            throw new ChainCheckException($"Chain:RegistryAddress {o.RegistryAddress} has no contract code on chain {chainId}.");
        return chainId;
    }
}

public sealed class ChainCheckException(string message) : LeveragedTokens.Hosting.StartupCheckException(message);

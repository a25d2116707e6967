using LeveragedTokens.Chain;
using LeveragedTokens.Indexer.Options;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Indexer.Hosting;

/// <summary>Start-up checks of the configured chain: reachable, every node's chain id, a registry with code.</summary>
public sealed class ChainCheck(ChainRpc rpc, IOptions<ChainOptions> options)
{
    /// <summary>The node's chain id; throws <see cref="ChainCheckException"/> with a one-line reason.</summary>
    public async Task<long> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        long chainId;
        try
        {
            // Nodes of another chain are refused here and never used; the first node's chain is the one read unless Chain:ChainId names it.
            chainId = await rpc.CheckNodesAsync(o.ChainId, ct);
        }
        catch (RpcCallFailedException e)
        {
            throw new ChainCheckException($"The node at {string.Join(", ", o.AllRpcUrls().Select(RpcLogText.Redact))} is unreachable or not answering JSON-RPC ({e.Failure.Message}).");
        }
        catch (NoNodeOfTheChainException e)
        {
            throw new ChainCheckException((o.ChainId is null ? "" : $"Chain:ChainId is {o.ChainId}. ") + e.Message + ".");
        }
        var code = await rpc.CodeAsync(o.RegistryAddress, ct, RpcCallOptions.Check);
        if (string.IsNullOrEmpty(code) || code == "0x")
            throw new ChainCheckException($"Chain:RegistryAddress {o.RegistryAddress} has no contract code on chain {chainId}.");
        return chainId;
    }
}

public sealed class ChainCheckException(string message) : LeveragedTokens.Hosting.StartupCheckException(message);

using LeveragedTokens.Data.Exports;
using LeveragedTokens.Exports.Tests.Support;
using Xunit;

namespace LeveragedTokens.Exports.Tests;

/// <summary>An export pinned to the final block of a simulated history stays byte-identical while the chain grows.</summary>
[Collection(SimulatedChainCollection.Name)]
public sealed class ExportFinalityTests(SimulatedChain chain)
{
    [Fact]
    public async Task AnExportIsByteIdenticalAfterFiftyMoreBlocksAreMinedAndIndexed()
    {
        var formats = new[] { ExportFormat.Csv, ExportFormat.JsonLines, ExportFormat.Xlsx };
        var query = new ExportQuery { Dataset = ExportDataset.Rebalances, ChainId = chain.ChainId };
        var before = new List<(byte[] Bytes, ExportManifest Manifest)>();
        foreach (var format in formats) before.Add(await chain.Db.ExportBytesAsync(query, format));
        var pinned = Assert.Single(before[0].Manifest.Coverage);
        Assert.Equal((await chain.Rpc.HeaderAsync(pinned.FinalBlock, CancellationToken.None))!.Hash, pinned.FinalBlockHash);

        await chain.Anvil.CallAsync("anvil_mine", "0x32");
        await chain.IndexAsync();

        for (var i = 0; i < formats.Length; i++)
        {
            var (bytes, manifest) = await chain.Db.ExportBytesAsync(query, formats[i]);
            Assert.True(before[i].Bytes.Length > 1000, $"{formats[i]}: {before[i].Bytes.Length} bytes");
            Assert.Equal(before[i].Manifest.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            Assert.Equal(before[i].Manifest.Sha256, manifest.Sha256);
            // The finality moved with the head; the rows it vouches for did not.
            Assert.Equal(pinned.FinalBlock + 50, Assert.Single(manifest.Coverage).FinalBlock);
        }
        // Pinned to the old final block, the export is the same file again, and says so.
        var (again, repinned) = await chain.Db.ExportBytesAsync(query with { ToBlock = pinned.FinalBlock }, ExportFormat.Csv);
        Assert.Equal(before[0].Bytes, again);
        Assert.Equal(pinned.Finality, Assert.Single(repinned.Coverage).Finality);
    }
}

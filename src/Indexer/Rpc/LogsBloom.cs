using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace LeveragedTokens.Indexer.Rpc;

/// <summary>
/// The 2048-bit bloom filter of a block header: "definitely no log of this address" or "maybe".
/// A block whose bloom says "maybe" for a watched address but for which the node returned no
/// logs is the mark of a node answering for a block it has not served yet.
/// </summary>
public static class LogsBloom
{
    public static bool MayContain(string? bloomHex, string address)
    {
        if (bloomHex is null || bloomHex.Length != 2 + 512) return true;
        var hash = Sha3Keccack.Current.CalculateHash(address.HexToByteArray());
        for (var i = 0; i < 6; i += 2)
        {
            var bit = ((hash[i] << 8) | hash[i + 1]) & 0x7FF;
            var byteIndex = 255 - bit / 8;
            var value = Convert.ToInt32(bloomHex.Substring(2 + byteIndex * 2, 2), 16);
            if ((value & (1 << (bit % 8))) == 0) return false;
        }
        return true;
    }
}

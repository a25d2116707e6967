using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace LeveragedTokens.Simulator.Keeper;

/// <summary>The simulated subscribers: fixed addresses derived from their names, so every run
/// (and every continuation) mints to and redeems from the same accounts.</summary>
public static class Holders
{
    public static IReadOnlyList<string> All { get; } = Enumerable.Range(1, 4)
        .Select(i => AddressUtil.Current.ConvertToChecksumAddress(
            Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes($"leveraged-tokens holder {i}"))[12..].ToHex(true)))
        .ToArray();

    /// <summary>Who backs the reserve pools when the keeper relays a capital injection.</summary>
    public static string Backer { get; } = AddressUtil.Current.ConvertToChecksumAddress(
        Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes("leveraged-tokens reserve backer"))[12..].ToHex(true));
}

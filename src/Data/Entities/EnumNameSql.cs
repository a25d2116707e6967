using System.Globalization;

namespace LeveragedTokens.Data.Entities;

/// <summary>
/// An export's name for a smallint code column (trigger, ledger kind), computed by the server: the enum
/// member's own name, which is the protocol's ("LeverageOutOfBand", "ReserveDrawn"); an unknown code reads as its number.
/// </summary>
public static class EnumNameSql
{
    public static string Case<TEnum>(string column) where TEnum : struct, Enum =>
        $"CASE {column} "
        + string.Concat(Enum.GetValues<TEnum>().Select(v => $"WHEN {Convert.ToInt64(v, CultureInfo.InvariantCulture)} THEN '{v}' "))
        + $"ELSE {column}::text END";
}

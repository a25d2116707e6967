using System.Globalization;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Data.Sql;
using Npgsql;
using NpgsqlTypes;

namespace LeveragedTokens.Exports;

/// <summary>An export asked for rows above a chain's final block: they may still change, so it is refused.</summary>
public sealed class ExportNotFinalException(string message) : InvalidOperationException(message);

/// <summary>Per chain, the block an export is pinned to (its toBlock or the final block) and the contracts it covers.</summary>
internal static class ExportCoverage
{
    public static async Task<IReadOnlyList<ChainCoverage>> ReadAsync(
        DatasetSchema schema, ExportQuery query, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        var pins = await PinsAsync(query, connection, transaction, ct);
        if (NotFinal(query, pins) is { } error) throw new ExportNotFinalException(error);

        var contracts = new List<(long Chain, string Address, long Registered)>();
        await using (var command = ExportSql.Contracts(schema, query, connection))
        {
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) contracts.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        }
        return [.. pins.Select(p =>
        {
            var mine = contracts.Where(c => c.Chain == p.ChainId).ToList();
            var from = query.FromBlock ?? (mine.Count == 0 ? 0 : mine.Min(c => c.Registered));
            return new ChainCoverage(p.ChainId, from, p.Block, p.Hash, [.. mine.Select(c => c.Address)]);
        })];
    }

    /// <summary>Why the query may not run (a toBlock above a chain's final block), or null.</summary>
    public static async Task<string?> NotFinalAsync(ExportQuery query, NpgsqlConnection connection, CancellationToken ct) =>
        NotFinal(query, await PinsAsync(query, connection, null, ct));

    private sealed record Pin(long ChainId, long FinalBlock, long Block, string? Hash);

    private static string? NotFinal(ExportQuery query, IReadOnlyList<Pin> pins)
    {
        if (query.ToBlock is not { } to) return null;
        if (pins.Count == 0) return $"toBlock {to} is not final: no chain{(query.ChainId is { } c ? " " + c.ToString(CultureInfo.InvariantCulture) : "")} is indexed.";
        return pins.FirstOrDefault(p => to > p.FinalBlock) is { } p
            ? $"toBlock {to} is not final on chain {p.ChainId}: its latest final block is {p.FinalBlock}."
            : null;
    }

    private static async Task<IReadOnlyList<Pin>> PinsAsync(ExportQuery query, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AuditSql.Pins(oneChain: query.ChainId is not null), connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("pin", NpgsqlDbType.Bigint) { Value = (object?)query.ToBlock ?? DBNull.Value });
        if (query.ChainId is { } chain) command.Parameters.AddWithValue("chain", chain);
        var pins = new List<Pin>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            pins.Add(new Pin(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return pins;
    }
}

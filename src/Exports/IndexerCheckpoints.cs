using Npgsql;
using LeveragedTokens.Data.Sql;

namespace LeveragedTokens.Exports;

internal static class IndexerCheckpoints
{
    public static async Task<IReadOnlyList<IndexerCheckpoint>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long? chainId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AuditSql.Checkpoints(oneChain: chainId is not null), connection, transaction);
        if (chainId is not null) command.Parameters.AddWithValue("chain", chainId.Value);
        var result = new List<IndexerCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new IndexerCheckpoint(
                reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt64(3), reader.GetInt32(4), DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc), reader.GetInt64(6)));
        return result;
    }
}

using Npgsql;
using NpgsqlTypes;

namespace LeveragedTokens.Exports.Schema;

/// <summary>
/// The one SELECT behind an export. Every value comes back as text formatted by the server
/// (numeric::text is exact), ordered by (chain, block, log index) so a repeat is byte-identical.
/// </summary>
internal static class ExportSql
{
    public static NpgsqlCommand Build(DatasetSchema schema, ExportQuery query, NpgsqlConnection connection)
    {
        var a = schema.Alias;
        var command = new NpgsqlCommand { Connection = connection };
        var where = new List<string>();

        if (query.ChainId is { } chainId)
        {
            where.Add($"{a}.chain_id = @chain");
            command.Parameters.Add(new NpgsqlParameter("chain", NpgsqlDbType.Bigint) { Value = chainId });
        }
        if (Normalise(query.Token) is { } token)
        {
            where.Add(schema.Dataset == ExportDataset.Rebalances
                ? $"{a}.token_address = @token"
                : $"{a}.pool_address IN (SELECT tk.pool_address FROM tokens tk WHERE tk.chain_id = {a}.chain_id AND tk.address = @token)");
            command.Parameters.Add(new NpgsqlParameter("token", NpgsqlDbType.Text) { Value = token });
        }
        if (Normalise(query.Pool) is { } pool)
        {
            where.Add(schema.Dataset == ExportDataset.Rebalances
                ? $"{a}.token_address IN (SELECT tp.address FROM tokens tp WHERE tp.chain_id = {a}.chain_id AND tp.pool_address = @pool)"
                : $"{a}.pool_address = @pool");
            command.Parameters.Add(new NpgsqlParameter("pool", NpgsqlDbType.Text) { Value = pool });
        }
        if (query.FromBlock is { } fromBlock)
        {
            where.Add($"{a}.block_number >= @from_block");
            command.Parameters.Add(new NpgsqlParameter("from_block", NpgsqlDbType.Bigint) { Value = fromBlock });
        }
        if (query.ToBlock is { } toBlock)
        {
            where.Add($"{a}.block_number <= @to_block");
            command.Parameters.Add(new NpgsqlParameter("to_block", NpgsqlDbType.Bigint) { Value = toBlock });
        }
        if (query.FromTime is { } fromTime)
        {
            where.Add($"{a}.block_time >= @from_time");
            command.Parameters.Add(new NpgsqlParameter("from_time", NpgsqlDbType.TimestampTz) { Value = AsUtc(fromTime) });
        }
        if (query.ToTime is { } toTime)
        {
            where.Add($"{a}.block_time < @to_time");
            command.Parameters.Add(new NpgsqlParameter("to_time", NpgsqlDbType.TimestampTz) { Value = AsUtc(toTime) });
        }

        var sql = "SELECT " + string.Join(", ", schema.SqlColumns)
            + " FROM " + schema.From
            + $" LEFT JOIN indexer_state st ON st.chain_id = {a}.chain_id"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + $" ORDER BY {a}.chain_id, {a}.block_number, {a}.log_index";
        // One extra row tells a capped export that it was cut short.
        if (query.MaxRows is { } max) sql += $" LIMIT {checked(max + 1)}";
        command.CommandText = sql;
        return command;
    }

    /// <summary>The same SELECT with the parameters inlined as literals, for psql \copy baselines and docs.</summary>
    public static string Inline(NpgsqlCommand command)
    {
        var sql = command.CommandText;
        foreach (NpgsqlParameter p in command.Parameters)
        {
            var literal = p.Value switch
            {
                long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DateTime d => $"'{d:yyyy-MM-ddTHH:mm:ss.fffffffZ}'::timestamptz",
                string s => "'" + s.Replace("'", "''") + "'",
                _ => throw new NotSupportedException(p.Value?.GetType().Name),
            };
            sql = sql.Replace("@" + p.ParameterName, literal);
        }
        return sql;
    }

    internal static string? Normalise(string? address) =>
        string.IsNullOrWhiteSpace(address) ? null : address.Trim().ToLowerInvariant();

    private static DateTime AsUtc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };
}

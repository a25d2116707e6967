using System.Globalization;
using NpgsqlTypes;

namespace LeveragedTokens.Data.Exports;

/// <summary>
/// The one SELECT behind an export. Every value comes back as text formatted by the server
/// (numeric::text and the scaled decimals are exact), ordered by (chain, block, log index), and only
/// final rows (<see cref="FinalBlock"/>), so a repeat is byte-identical however far the head moved.
/// Columns are aliased with their export names (COPY's header).
/// </summary>
public static class ExportSql
{
    /// <param name="explorerBaseUrls">Block explorer per chain id; rows link to {base}/tx/{hash}.</param>
    public static NpgsqlCommand Build(DatasetSchema schema, ExportQuery query, IReadOnlyDictionary<long, string> explorerBaseUrls,
        bool neutraliseText, NpgsqlConnection? connection)
    {
        var a = schema.Alias;
        var command = new NpgsqlCommand { Connection = connection };
        var where = new List<string> { $"{a}.block_number <= {FinalBlock("st")}" };
        var filter = Filter(command, where);
        ContractFilters(schema, query, $"{a}.chain_id", $"{a}.{schema.ContractColumn}", filter);
        if (query.FromBlock is { } fromBlock) filter($"{a}.block_number >= @from_block", "from_block", NpgsqlDbType.Bigint, fromBlock);
        if (query.ToBlock is { } toBlock) filter($"{a}.block_number <= @to_block", "to_block", NpgsqlDbType.Bigint, toBlock);
        if (query.FromTime is { } fromTime) filter($"{a}.block_time >= @from_time", "from_time", NpgsqlDbType.TimestampTz, AsUtc(fromTime));
        if (query.ToTime is { } toTime) filter($"{a}.block_time < @to_time", "to_time", NpgsqlDbType.TimestampTz, AsUtc(toTime));

        var select = schema.SchemaColumns.Select(c =>
        {
            var sql = c.Sql ?? ExplorerUrl(a, explorerBaseUrls);
            // For SQL-only consumers (psql \copy); the explorer URL starts with its configured base, never a formula.
            if (neutraliseText && c.Column.Kind == ColumnKind.Text && c.Sql is not null)
                sql = SpreadsheetSafety.NeutraliseSql(sql);
            return $"{sql} AS {c.Column.Name}";
        });
        // Only chains the indexer follows have final rows: the inner join drops the rest.
        var body = " FROM " + schema.From + $" JOIN indexer_state st ON st.chain_id = {a}.chain_id WHERE " + string.Join(" AND ", where);
        var sqlText = "SELECT " + string.Join(", ", select) + body + $" ORDER BY {a}.chain_id, {a}.block_number, {a}.log_index";
        // One extra row tells a capped export that it was cut short.
        if (query.MaxRows is { } max) sqlText += $" LIMIT {checked(max + 1).ToString(CultureInfo.InvariantCulture)}";
        command.CommandText = sqlText;
        return command;
    }

    /// <summary>
    /// The contracts whose logs of the dataset an export holds completely, per chain, with the same filters
    /// as its rows: chain_id, address, registration block; registered at or below the chain's final block.
    /// </summary>
    public static NpgsqlCommand Contracts(DatasetSchema schema, ExportQuery query, NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var where = new List<string> { $"c.block_number <= {FinalBlock("st")}" };
        ContractFilters(schema, query, "c.chain_id", "c.address", Filter(command, where));
        command.CommandText = $"SELECT c.chain_id, c.address, c.block_number FROM {schema.ContractTable} c"
            + " JOIN indexer_state st ON st.chain_id = c.chain_id WHERE " + string.Join(" AND ", where)
            + " ORDER BY c.chain_id, c.address";
        return command;
    }

    /// <summary>The chain's final block from its indexer_state row aliased <paramref name="state"/>.</summary>
    public static string FinalBlock(string state) =>
        Confirmations.FinalBlockSql($"{state}.indexed_block", $"{state}.head_block", $"{state}.confirmations");

    private static Action<string, string, NpgsqlDbType, object> Filter(NpgsqlCommand command, List<string> where) =>
        (condition, name, type, value) =>
        {
            where.Add(condition);
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        };

    /// <summary>
    /// Chain, token and pool filters on the emitting contract: rebalances come from tokens, the pool datasets
    /// from pools, so a token narrows those to its pool and a pool narrows rebalances to the tokens it backs.
    /// </summary>
    private static void ContractFilters(DatasetSchema schema, ExportQuery query, string chain, string contract,
        Action<string, string, NpgsqlDbType, object> filter)
    {
        var tokens = schema.Dataset == ExportDataset.Rebalances;
        if (query.ChainId is { } chainId) filter($"{chain} = @chain", "chain", NpgsqlDbType.Bigint, chainId);
        if (Normalise(query.Token) is { } token)
            filter(tokens ? $"{contract} = @token"
                : $"{contract} IN (SELECT tk.pool_address FROM tokens tk WHERE tk.chain_id = {chain} AND tk.address = @token)",
                "token", NpgsqlDbType.Text, token);
        if (Normalise(query.Pool) is { } pool)
            filter(tokens ? $"{contract} IN (SELECT tp.address FROM tokens tp WHERE tp.chain_id = {chain} AND tp.pool_address = @pool)"
                : $"{contract} = @pool",
                "pool", NpgsqlDbType.Text, pool);
    }

    /// <summary>
    /// The command with its parameters inlined as literals: psql's \copy takes no bind parameters. Safe: addresses are validated hex, numbers and times are formatted here.
    /// </summary>
    public static string Inline(NpgsqlCommand command)
    {
        var sql = command.CommandText;
        foreach (var p in command.Parameters.OrderByDescending(p => p.ParameterName.Length))
        {
            var literal = p.Value switch
            {
                long l => l.ToString(CultureInfo.InvariantCulture),
                DateTime d => $"'{d.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}'::timestamptz",
                string s => Quote(s),
                _ => throw new NotSupportedException(p.Value?.GetType().Name),
            };
            sql = sql.Replace("@" + p.ParameterName, literal, StringComparison.Ordinal);
        }
        return sql;
    }

    private static string ExplorerUrl(string a, IReadOnlyDictionary<long, string> explorerBaseUrls) =>
        explorerBaseUrls.Count == 0 ? "NULL::text"
            : $"CASE {a}.chain_id "
              + string.Concat(explorerBaseUrls.OrderBy(e => e.Key).Select(e =>
                  $"WHEN {e.Key.ToString(CultureInfo.InvariantCulture)} THEN {Quote(e.Value.TrimEnd('/') + "/tx/")} || {a}.tx_hash "))
              + "END";

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Lower-case 0x address, or null for none; anything else is rejected before it nears SQL.</summary>
    public static string? Normalise(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        return EvmAddress.Normalised(address) ?? throw new ArgumentException($"Not an address: '{address}'.", nameof(address));
    }

    /// <summary>A query time as UTC: unspecified means UTC, as in every export filter.</summary>
    public static DateTime AsUtc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };
}

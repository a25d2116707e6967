using System.Data;
using System.Runtime.CompilerServices;
using LeveragedTokens.Chain;
using Npgsql;
using LeveragedTokens.Data.Sql;

namespace LeveragedTokens.Exports.Reconciliation;

/// <summary>
/// Reconciles one reserve pool and its tokens over a period, inside one read-only snapshot.
/// Balances are rebuilt from the pool's first ledger row; before the period the walk only
/// positions itself (resyncing at each published balance), inside it every mismatch is reported.
/// </summary>
public sealed class PoolReconciliation(NpgsqlDataSource dataSource, ExportOptions options, TimeProvider? time = null)
{
    /// <summary>
    /// The NAV identity holds to one wei: the contract computes navBefore = floor(E*1e18/S) and
    /// navAfter = floor((E - c)*1e18/S) from the same equity E and supply S, with c (the unabsorbed
    /// cost) subtracted exactly, so navAfter = navBefore - floor(c*1e18/S) - {0 or 1}.
    /// </summary>
    public const int NavToleranceWei = 1;

    /// <param name="chain">When given, the rows are also compared with eth_getLogs over the period.</param>
    public async Task<ReconciliationReport> RunAsync(ReconciliationQuery query, ChainRpc? chain, CancellationToken ct)
    {
        var pool = query.Pool.Trim().ToLowerInvariant();
        query = query with { Pool = pool };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, tx))
            await readOnly.ExecuteNonQueryAsync(ct);

        var checkpoints = await IndexerCheckpoints.ReadAsync(connection, tx, query.ChainId, ct);
        var tokens = await TokensOfAsync(connection, tx, query, ct);
        var findings = new List<ReconciliationFinding>();
        var context = new ReconciliationContext(connection, tx, query, tokens, findings);
        var checks = new List<CheckSummary>();
        checks.AddRange(await ReserveBalanceCheck.RunAsync(context, ct));
        checks.AddRange(await NavIdentityCheck.RunAsync(context, ct));
        checks.Add(await RebalanceIdCheck.RunAsync(context, ct));
        checks.Add(await DrawMatchCheck.RunAsync(context, ct));
        if (chain is not null)
            checks.Add(await ChainLogCheck.RunAsync(context, new AuditExport(dataSource, options), chain, checkpoints, ct));
        await tx.CommitAsync(ct);

        return new ReconciliationReport
        {
            Query = query,
            Pool = pool,
            Tokens = tokens,
            Checks = checks,
            Findings = [.. findings.OrderBy(f => f.BlockNumber).ThenBy(f => f.LogIndex).ThenBy(f => f.Check, StringComparer.Ordinal)],
            IndexerCheckpoints = checkpoints,
            NavToleranceWei = NavToleranceWei,
            SoftwareVersion = options.ResolveSoftwareVersion(),
            GeneratedAt = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime,
        };
    }

    private static async Task<IReadOnlyList<string>> TokensOfAsync(NpgsqlConnection c, NpgsqlTransaction tx, ReconciliationQuery q, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ReconciliationSql.TokensOfPool, c, tx);
        command.Parameters.AddWithValue("chain", q.ChainId);
        command.Parameters.AddWithValue("pool", q.Pool);
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(reader.GetString(0));
        return result;
    }
}

internal sealed record ReconciliationContext(
    NpgsqlConnection Connection, NpgsqlTransaction Transaction, ReconciliationQuery Query,
    IReadOnlyList<string> Tokens, List<ReconciliationFinding> Findings)
{
    public NpgsqlCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql, Connection, Transaction);
        command.Parameters.AddWithValue("chain", Query.ChainId);
        command.Parameters.AddWithValue("pool", Query.Pool);
        command.Parameters.AddWithValue("tokens", Tokens.ToArray());
        return command;
    }

    /// <summary>Streams one check's query: the reader is positioned on each row in turn.</summary>
    public async IAsyncEnumerable<NpgsqlDataReader> RowsAsync(string sql, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = Command(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return reader;
    }
}

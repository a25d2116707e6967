using Npgsql;

namespace LeveragedTokens.Indexer.Hosting;

/// <summary>
/// One writer per chain: a session-level Postgres advisory lock held on a dedicated connection.
/// If this process dies, Postgres drops the session and a standby's next try succeeds. The
/// checkpoint's compare-and-set guards the rare case of a lock lost while a batch is in flight.
/// </summary>
public sealed class WriterLock(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private const int LockClass = 0x1DE8; // "indexer" namespace for advisory locks
    private NpgsqlConnection? _connection;

    public bool Held => _connection is not null;

    public async Task<bool> TryAcquireAsync(long chainId, CancellationToken ct)
    {
        if (_connection is not null) return true;
        var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, @chain)", conn);
        cmd.Parameters.AddWithValue("class", LockClass);
        cmd.Parameters.AddWithValue("chain", unchecked((int)chainId));
        if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
        {
            _connection = conn;
            return true;
        }
        await conn.DisposeAsync();
        return false;
    }

    /// <summary>False when the lock's session is gone (Postgres restart, network): stop writing.</summary>
    public async Task<bool> StillHeldAsync(CancellationToken ct)
    {
        if (_connection is null) return false;
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT 1", _connection);
            await cmd.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await ReleaseAsync();
            return false;
        }
    }

    public async Task ReleaseAsync()
    {
        if (_connection is null) return;
        try { await _connection.DisposeAsync(); } catch (NpgsqlException) { }
        _connection = null;
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync());
}

using System.Data;

namespace LeveragedTokens.Data;

/// <summary>
/// Every host migrates at start-up, and hosts often start together (run.sh, docker compose, a rollout):
/// a session advisory lock makes them take turns, so the second finds nothing pending instead of
/// applying the same migration again ("relation ... already exists").
/// </summary>
public static class ExclusiveMigration
{
    /// <summary>One key for every schema of the database: migrations are rare and short.</summary>
    private const long LockKey = 0x4c54_4d49_4752; // "LTMIGR"

    public static async Task MigrateExclusivelyAsync(this DbContext db, CancellationToken ct = default)
    {
        // The lock and the migrations share one session: EF keeps a connection opened by its caller open.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await connection.WithMigrationLockAsync(() => db.Database.MigrateAsync(ct), ct);
    }

    /// <summary>Runs a schema change of any kind (EF migrations, Hangfire's install scripts) holding the lock.</summary>
    public static async Task WithMigrationLockAsync(this NpgsqlConnection connection, Func<Task> change, CancellationToken ct = default)
    {
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
            await take.ExecuteNonQueryAsync(ct);
        try
        {
            await change();
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}

using Npgsql;

namespace LeveragedTokens.TestSupport;

/// <summary>
/// A fresh, uniquely named database on the real PostgreSQL cluster that test.sh starts
/// (TEST_PG_ADMIN holds its admin connection string); dropped on dispose.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private PostgresDatabase(string name) => Name = name;

    public string Name { get; }
    public string ConnectionString => field ??= new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name }.ConnectionString;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("TEST_PG_ADMIN")
        ?? throw new InvalidOperationException(
            "TEST_PG_ADMIN is not set: run the tests through ./test.sh, which starts a PostgreSQL cluster.");

    public static async Task<PostgresDatabase> CreateAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new PostgresDatabase(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

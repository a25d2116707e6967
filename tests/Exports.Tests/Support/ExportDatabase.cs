using LeveragedTokens.Data.Exports;
using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LeveragedTokens.Exports.Tests.Support;

/// <summary>A migrated database on the real cluster (the test kit's <see cref="PostgresDatabase"/>), with the export engine wired to it.</summary>
public sealed class ExportDatabase(PostgresDatabase database) : IAsyncDisposable
{
    public PostgresDatabase Database { get; } = database;
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(database.ConnectionString);
    public string ConnectionString => Database.ConnectionString;

    public static readonly ExportOptions Options = new()
    {
        ExplorerBaseUrls = { [31337] = "https://explorer.example/" },
        SoftwareVersion = "test",
        QuickExportMaxRows = 3,
    };

    public static async Task<ExportDatabase> CreateAsync(string prefix = "exp")
    {
        var database = await PostgresDatabase.CreateAsync(prefix);
        await using (var db = Context(database.ConnectionString)) await db.Database.MigrateAsync();
        return new ExportDatabase(database);
    }

    public static DashboardDbContext Context(string connectionString) =>
        TestDatabases.Dashboard(connectionString);

    public DashboardDbContext Context() => Context(ConnectionString);

    public AuditExport Export(TimeProvider? time = null) => new(DataSource, Options, time);

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<(byte[] Bytes, ExportManifest Manifest)> ExportBytesAsync(ExportQuery query, ExportFormat format)
    {
        using var output = new MemoryStream();
        var manifest = await Export().WriteAsync(query, format, output, CancellationToken.None);
        return (output.ToArray(), manifest);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Database.DisposeAsync();
    }
}

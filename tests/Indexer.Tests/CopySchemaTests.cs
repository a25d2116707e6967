using LeveragedTokens.Data;
using LeveragedTokens.Data.Copy;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Indexer.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LeveragedTokens.Indexer.Tests;

/// <summary>The EF model owns the schema: the indexer's COPY column lists are the model's tables, column for column, and so is the migrated database.</summary>
public sealed class CopySchemaTests
{
    [Fact]
    public void EveryChainTableOfTheModelIsCopiedWithExactlyItsColumns()
    {
        var model = DashboardModel.Instance.GetRelationalModel();
        var copies = TableCopies.ColumnLists.ToDictionary(c => c.Table, c => c.Columns);
        var chainTables = DashboardModel.Instance.GetEntityTypes()
            .Where(e => typeof(ChainLogRow).IsAssignableFrom(e.ClrType)).Select(e => e.GetTableName()!).Order().ToList();

        Assert.Equal(chainTables, copies.Keys.Order().ToList());
        foreach (var (table, columns) in copies)
        {
            var modelColumns = model.FindTable(table, null)!.Columns.Select(c => c.Name);
            Assert.True(modelColumns.Order().SequenceEqual(columns.Order()),
                $"COPY {table} ({string.Join(", ", columns)}) disagrees with the EF model ({string.Join(", ", modelColumns)})");
            Assert.Equal(columns.Count, columns.Distinct().Count());
        }
    }

    [Fact]
    public async Task TheMigratedDatabaseHasTheColumnsTheIndexerCopies()
    {
        await using var db = await PostgresDatabase.CreateAsync("copy");
        var options = new DbContextOptionsBuilder<DashboardDbContext>();
        options.UseDashboardDatabase(db.ConnectionString);
        await using (var context = new DashboardDbContext(options.Options)) await context.Database.MigrateAsync();

        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        foreach (var (table, columns) in TableCopies.ColumnLists)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t", conn);
            cmd.Parameters.AddWithValue("t", table);
            var stored = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
            Assert.True(stored.Order().SequenceEqual(columns.Order()),
                $"COPY {table} ({string.Join(", ", columns)}) disagrees with the database ({string.Join(", ", stored)})");
        }
    }
}

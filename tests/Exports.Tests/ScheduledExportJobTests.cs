using LeveragedTokens.Data.Entities;
using LeveragedTokens.Exports.Tests.Support;
using Xunit;

namespace LeveragedTokens.Exports.Tests;

public sealed class ScheduledExportJobTests : IAsyncLifetime
{
    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc);
    }

    private ExportDatabase _db = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _db = await ExportDatabase.CreateAsync("job");
        _folder = Directory.CreateTempSubdirectory("scheduled-").FullName;
        await using var db = _db.Context();
        db.ReservePools.Add(Rows.PoolRow());
        db.Tokens.Add(Rows.Token(Rows.Address(1), "BTC3L"));
        db.Rebalances.Add(Rows.Rebalance(Rows.Address(1), 1, block: 10));   // Jan 1, 10:00
        db.Rebalances.Add(Rows.Rebalance(Rows.Address(1), 2, block: 30));   // Jan 2, 06:00
        db.RawEvents.Add(RawEvent(60));                                       // Jan 3, 12:00
        db.IndexerStates.Add(Rows.State(head: 100));
        await db.SaveChangesAsync();
    }

    private static RawEvent RawEvent(long block) => new()
    {
        ChainId = Rows.Chain, BlockNumber = block, LogIndex = 0, BlockHash = Rows.Hash(block, -1), TxHash = Rows.Hash(block, 0),
        BlockTime = Rows.T0.AddHours(block), ContractAddress = Rows.Address(1), TxIndex = 0, EventName = "NavSnapshot", Topics = ["0x01"], Data = "0x",
    };

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await _db.DisposeAsync();
    }

    private ScheduledExportJob Job() => new(
        _db.Export(), _db.DataSource,
        new ScheduledExportOptions { Folder = _folder, ChainId = Rows.Chain, CatchUpDays = 3, Formats = [ExportFormat.Csv, ExportFormat.JsonLines] },
        new FixedTime(new DateTime(2026, 1, 4, 10, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public async Task WritesDatedFilesWithManifestsForCompleteDaysOnlyAndOnlyOnce()
    {
        var first = await Job().RunAsync(CancellationToken.None);
        // Jan 1 and Jan 2: 3 datasets x 2 formats each; Jan 3 is not indexed to its end yet.
        Assert.Equal(12, first.Count);
        Assert.Equal(["2026-01-01", "2026-01-02"], Directory.GetDirectories(_folder).Select(Path.GetFileName).Order());
        var jan1 = Path.Combine(_folder, "2026-01-01");
        var rebalances = Path.Combine(jan1, "rebalances.v1.chain-31337.time-20260101T000000Z-20260102T000000Z.csv");
        Assert.True(File.Exists(rebalances));
        Assert.True(File.Exists(ExportFileNames.ManifestFor(rebalances)));
        Assert.Equal(1, first.Single(m => m.FileName == Path.GetFileName(rebalances)).RowCount);

        Assert.Empty(await Job().RunAsync(CancellationToken.None));

        await using (var db = _db.Context())
        {
            db.RawEvents.Add(RawEvent(80)); // Jan 4, 08:00: Jan 3 is now complete
            await db.SaveChangesAsync();
        }
        var third = await Job().RunAsync(CancellationToken.None);
        Assert.Equal(6, third.Count);
        Assert.All(third, m => Assert.Equal(0, m.RowCount));
    }
}

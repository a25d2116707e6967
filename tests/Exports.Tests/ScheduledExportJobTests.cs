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
        db.ReservePools.Add(ChainRows.ReservePool(ChainRows.Registration(0), ChainRows.Pool));
        db.Tokens.Add(ChainRows.LeveragedToken(ChainRows.Registration(1), ChainRows.Address(1), "BTC3L", ChainRows.Pool));
        db.Rebalances.Add(ChainRows.Rebalance(ChainRows.Hourly.At(10, 0, ChainRows.Address(1)), 1));   // Jan 1, 10:00
        db.Rebalances.Add(ChainRows.Rebalance(ChainRows.Hourly.At(30, 0, ChainRows.Address(1)), 2));   // Jan 2, 06:00
        db.RawEvents.Add(NavSnapshotLog(60));                                 // Jan 3, 12:00
        db.IndexerStates.Add(ChainRows.Indexed(head: 100));
        await db.SaveChangesAsync();
    }

    private static RawEvent NavSnapshotLog(long block) => ChainRows.Raw(ChainRows.Hourly.At(block, 0, ChainRows.Address(1)), "NavSnapshot", ["0x01"]);

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await _db.DisposeAsync();
    }

    private ScheduledExportJob Job() => new(
        _db.Export(), _db.DataSource,
        new ScheduledExportOptions { Folder = _folder, ChainId = ChainRows.ChainId, CatchUpDays = 3, Formats = [ExportFormat.Csv, ExportFormat.JsonLines] },
        new FixedTime(new DateTime(2026, 1, 4, 10, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public async Task WritesDatedFilesWithManifestsForCompleteDaysOnlyAndOnlyOnce()
    {
        var first = await Job().RunAsync(CancellationToken.None);
        // Jan 1 and Jan 2: 3 datasets x 2 formats each; Jan 3 is not indexed to its end yet.
        Assert.Equal(12, first.Count);
        Assert.Equal(["2026-01-01", "2026-01-02"], Directory.GetDirectories(_folder).Select(Path.GetFileName).Order());
        var jan1 = Path.Combine(_folder, "2026-01-01");
        var rebalances = Path.Combine(jan1, "rebalances.v2.chain-31337.time-20260101T000000Z-20260102T000000Z.csv");
        Assert.True(File.Exists(rebalances));
        Assert.True(File.Exists(ExportFileNames.ManifestFor(rebalances)));
        Assert.Equal(1, first.Single(m => m.FileName == Path.GetFileName(rebalances)).RowCount);

        Assert.Empty(await Job().RunAsync(CancellationToken.None));

        await using (var db = _db.Context())
        {
            db.RawEvents.Add(NavSnapshotLog(95)); // Jan 4, 23:00, but above the final block 89 (head 100, 12 confirmations)
            await db.SaveChangesAsync();
        }
        Assert.Empty(await Job().RunAsync(CancellationToken.None));
        await using (var db = _db.Context())
        {
            db.RawEvents.Add(NavSnapshotLog(80)); // Jan 4, 08:00 and final: Jan 3 is now complete
            await db.SaveChangesAsync();
        }
        var third = await Job().RunAsync(CancellationToken.None);
        Assert.Equal(6, third.Count);
        Assert.All(third, m => Assert.Equal(0, m.RowCount));
    }
}

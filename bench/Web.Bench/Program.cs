using System.Diagnostics;
using System.Globalization;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Stress;
using LeveragedTokens.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeveragedTokens.Web.Bench;

/// <summary>Server time of every page and API endpoint against plain SQL, on a million rebalances.</summary>
internal static class WebBench
{
    public static async Task Main(string[] args)
    {
        // dotnet run -c Release --project bench/Web.Bench [-- rebalances iterations [target name filter]]; needs TEST_PG_ADMIN.
        var rebalances = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        await using var database = await PostgresDatabase.CreateAsync("webbench");
        var data = new BulkLoad(database.ConnectionString, rebalances);
        var load = Stopwatch.StartNew();
        {
            await using var db = TestDatabases.Dashboard(database.ConnectionString);
            await db.Database.MigrateAsync();
        }
        Console.WriteLine($"Loading {rebalances:N0} rebalances, {data.Hours:N0} hours x {data.Pools} pools / {data.TokenCount} tokens...");
        await data.LoadAsync();
        Console.WriteLine($"Loaded in {load.Elapsed.TotalSeconds:0} s");

        await using var factory = DashboardWebFactory.Create(database.ConnectionString, configure: b => b
            .UseContentRoot(Path.Combine(RepoPaths.Root, "src", "Dashboard.Web"))
            .UseEnvironment("Production")
            .UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Error")
            .UseSetting("Dashboard:ApiPermitsPerMinute", "1000000")
            .UseSetting("Operations:PagePermitsPerMinute", "1000000"));
        var client = factory.CreateClient();
        var queries = factory.Services.GetRequiredService<RebalanceQueries>();
        var hub = factory.Services.GetRequiredService<LeveragedTokens.Dashboard.Web.Live.ChainDataHub>();
        var stressStates = factory.Services.GetRequiredService<StressStateLoader>();

        // Targets deep in the data: the last token's rebalance in the middle of history, a cursor 40,000 rows down.
        var mid = data.RebalanceCount / 2 + data.TokenCount - 1;
        var (midBlock, midToken, _, _) = data.RebalanceAt(mid);
        var tx = data.TxHash(mid);
        var sym = BulkLoad.Symbol(midToken);
        var tokenAddress = BulkLoad.TokenAddress(midToken);
        var pool = BulkLoad.PoolAddress(midToken / 2);
        var underlying = BulkLoad.Underlying(midToken / 2);
        var deepCursor = $"{BulkLoad.ChainId}.{midBlock}.0";
        var lastHour = (long)(BulkLoad.Start - DateTime.UnixEpoch).TotalHours + data.Hours - 1;
        var week = $"from={BulkLoad.Start.AddHours(data.Hours - 168):yyyy-MM-ddTHH:mm:ssZ}";
        var navSql = $"WITH last AS (SELECT max(hour) AS hour FROM nav_snapshots WHERE chain_id = {BulkLoad.ChainId} AND token_address = '{tokenAddress}' AND hour BETWEEN @from AND {lastHour} GROUP BY hour / @b) SELECT n.hour, n.nav, n.leverage, n.mark_price FROM last JOIN nav_snapshots n ON n.chain_id = {BulkLoad.ChainId} AND n.token_address = '{tokenAddress}' AND n.hour = last.hour";
        var reserveSql = $"WITH b AS (SELECT max(hour) AS hour, max(utilization_bps) AS u, min(buffer_depth) AS d FROM reserve_metrics WHERE chain_id = {BulkLoad.ChainId} AND pool_address = '{pool}' AND hour BETWEEN @from AND {lastHour} GROUP BY hour / @b) SELECT m.hour, m.reserve_value, m.floor_value, b.u, b.d FROM b JOIN reserve_metrics m ON m.chain_id = {BulkLoad.ChainId} AND m.pool_address = '{pool}' AND m.hour = b.hour";
        const string overviewSql = """
            SELECT t.symbol, n.nav, n24.nav, r.tx_hash, m.utilization_bps FROM tokens t
            LEFT JOIN LATERAL (SELECT hour, nav FROM nav_snapshots WHERE chain_id = t.chain_id AND token_address = t.address ORDER BY hour DESC LIMIT 1) n ON true
            LEFT JOIN LATERAL (SELECT nav FROM nav_snapshots WHERE chain_id = t.chain_id AND token_address = t.address AND hour <= n.hour - 24 ORDER BY hour DESC LIMIT 1) n24 ON true
            LEFT JOIN LATERAL (SELECT tx_hash FROM rebalances WHERE chain_id = t.chain_id AND token_address = t.address ORDER BY block_number DESC, log_index DESC LIMIT 1) r ON true
            LEFT JOIN LATERAL (SELECT utilization_bps FROM reserve_metrics WHERE chain_id = t.chain_id AND pool_address = t.pool_address ORDER BY hour DESC LIMIT 1) m ON true
            """;
        var firstPageSql = "SELECT * FROM rebalances ORDER BY chain_id DESC, block_number DESC, log_index DESC LIMIT 26";
        var tokenPageSql = $"SELECT * FROM rebalances WHERE token_address = '{tokenAddress}' AND (chain_id, block_number, log_index) < ({BulkLoad.ChainId}, {midBlock}, 0) ORDER BY chain_id DESC, block_number DESC, log_index DESC LIMIT 101";
        var detailSql = $"SELECT * FROM rebalances r LEFT JOIN raw_events e USING (chain_id, block_number, log_index) WHERE r.chain_id = {BulkLoad.ChainId} AND r.tx_hash = '{tx}' AND r.log_index = 0";
        var drawsSql = $"SELECT counterparty, sum(amount), sum(value), count(*) FROM pool_ledger WHERE chain_id = {BulkLoad.ChainId} AND pool_address = '{pool}' AND kind = 0 AND block_time >= '{BulkLoad.Start.AddHours(data.Hours - 720):O}' GROUP BY counterparty";
        long weekFrom = lastHour - 168, allFrom = lastHour - data.Hours + 1, monthFrom = lastHour - 720;

        var targets = new List<Target>
        {
            new("page /", () => Get("/"), Sql(overviewSql)),
            new("page /tokens/{s}?range=7d", () => Get($"/tokens/{sym}?range=7d"), Sql(navSql, weekFrom, 1)),
            new("page /tokens/{s}?range=all", () => Get($"/tokens/{sym}?range=all"), Sql(navSql, allFrom, 18)),
            new("page /reserves/{u}?range=30d", () => Get($"/reserves/{underlying}?range=30d"), Sql(reserveSql, monthFrom, 1)),
            new("page /reserves/{u}?range=all", () => Get($"/reserves/{underlying}?range=all"), Sql(reserveSql, allFrom, 18)),
            new("page /rebalances", () => Get("/rebalances"), Sql(firstPageSql)),
            new("page /rebalances/{tx}/{i}", () => Get($"/rebalances/{tx}/0"), Sql(detailSql)),
            new("page /status", () => Get("/status"), Sql("SELECT * FROM indexer_state")),
            new("grid data: all tokens, newest 25", () => queries.PageAsync(new RebalanceFilter(), RebalanceSort.Newest, null, 25), Sql(firstPageSql)),
            new("grid data: token+trigger, 40k rows deep", () => queries.PageAsync(new RebalanceFilter { TokenAddress = tokenAddress, Trigger = RebalanceTrigger.LeverageOutOfBand },
                RebalanceSort.Newest, new RebalanceCursor(BulkLoad.ChainId, midBlock, 0), 25), Sql(tokenPageSql)),
            new("grid data: date range + NAV delta filter", () => queries.PageAsync(new RebalanceFilter { From = BulkLoad.Start.AddDays(100), To = BulkLoad.Start.AddDays(130), MaxNavDelta = -5_000_000_000_000_000 },
                RebalanceSort.Newest, null, 25), Sql("SELECT * FROM rebalances WHERE block_time BETWEEN '" + BulkLoad.Start.AddDays(100).ToString("O") + "' AND '" + BulkLoad.Start.AddDays(130).ToString("O") + "' AND nav_delta <= -5000000000000000 ORDER BY chain_id DESC, block_number DESC, log_index DESC LIMIT 26")),
            new("grid data: all tokens sorted by NAV delta", () => queries.PageAsync(new RebalanceFilter(), RebalanceSort.NavDeltaAscending, null, 25),
                Sql("SELECT * FROM rebalances ORDER BY nav_delta, chain_id, block_number, log_index LIMIT 26")),
            new("GET /api/v1/tokens", () => Get("/api/v1/tokens"), Sql(overviewSql)),
            new("GET /api/v1/tokens/{s}", () => Get($"/api/v1/tokens/{sym}"), Sql(overviewSql)),
            new("GET /api/v1/tokens/{s}/nav (7d)", () => Get($"/api/v1/tokens/{sym}/nav?{week}"), Sql(navSql, weekFrom, 1)),
            new("GET /api/v1/tokens/{s}/nav (2 years)", () => Get($"/api/v1/tokens/{sym}/nav"), Sql(navSql, allFrom, 18)),
            new("GET /api/v1/tokens/{s}/rebalances", () => Get($"/api/v1/tokens/{sym}/rebalances?limit=100"), Sql(tokenPageSql.Replace($"AND (chain_id, block_number, log_index) < ({BulkLoad.ChainId}, {midBlock}, 0) ", ""))),
            new("GET /api/v1/tokens/{s}/rebalances?cursor (deep)", () => Get($"/api/v1/tokens/{sym}/rebalances?limit=100&cursor={deepCursor}"), Sql(tokenPageSql)),
            new("GET /api/v1/rebalances/{tx}/{i}", () => Get($"/api/v1/rebalances/{tx}/0"), Sql(detailSql)),
            new("GET /api/v1/reserves/{u}/metrics (2 years)", () => Get($"/api/v1/reserves/{underlying}/metrics"), Sql(reserveSql, allFrom, 18)),
            new("GET /api/v1/status", () => Get("/api/v1/status"), Sql("SELECT * FROM indexer_state")),
            new("(reserve page part) draws by token, 30 d", () => Task.CompletedTask, Sql(drawsSql)),
            // Stress: the engine's own work has no SQL twin; the baseline column stays empty (0.0).
            new("GET /api/v1/stress (24 h shock, every token and pool)", () => Get($"/api/v1/stress?shocks={underlying}:-30&hours=24"), () => Task.CompletedTask),
            new("stress heatmap 11 x 5 (state load + 55 runs of 24 h)", async () => StressService.Heatmap((await stressStates.LoadAsync())!, underlying, 24),
                () => Task.CompletedTask),
        };
        // The same cached targets cold: a notification before every request retires the cache (new data arrived).
        foreach (var name in new[] { "page /tokens/{s}?range=7d", "page /tokens/{s}?range=all", "page /reserves/{u}?range=30d", "page /reserves/{u}?range=all",
                     "GET /api/v1/tokens/{s}/nav (2 years)", "GET /api/v1/reserves/{u}/metrics (2 years)" })
        {
            var warm = targets.First(t => t.Name == name);
            targets.Add(new(name + " (cold cache)", () => { hub.Publish(); return warm.Run(); }, warm.Baseline));
        }

        var results = new List<string>();
        foreach (var t in targets.Where(t => args.Length < 3 || t.Name.Contains(args[2], StringComparison.OrdinalIgnoreCase)))
        {
            var server = await Measure(t.Run, iterations);
            var baseline = await Measure(t.Baseline, iterations);
            var line = $"| {t.Name} | {server.P50:0.0} | {server.P95:0.0} | {baseline.P50:0.0} | {baseline.P95:0.0} |";
            Console.WriteLine(line);
            results.Add(line);
        }
        var path = Path.Combine(RepoPaths.Root, "test-output", "web-bench.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllLinesAsync(path, results);
        Console.WriteLine("Rows written to " + path);

        async Task Get(string url)
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
        }

        Func<Task> Sql(string sql, long from = 0, long bucket = 1) => async () =>
        {
            await using var conn = new NpgsqlConnection(database.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("b", bucket);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        };

        static async Task<(double P50, double P95)> Measure(Func<Task> run, int n)
        {
            for (var i = 0; i < 3; i++) await run();
            var times = new List<double>(n);
            for (var i = 0; i < n; i++)
            {
                var sw = Stopwatch.StartNew();
                await run();
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            return (times[(int)(0.5 * (n - 1))], times[(int)Math.Ceiling(0.95 * (n - 1))]);
        }
    }
}

internal sealed record Target(string Name, Func<Task> Run, Func<Task> Baseline);

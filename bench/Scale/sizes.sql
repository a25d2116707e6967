-- What one chain costs in Postgres: rows per day at the indexed history's event rates, and bytes per row
-- (heap + TOAST + every index) measured by growing each table 50-fold with copies of its own rows under a
-- scratch chain id. Run by bench/Scale/run.sh on a throwaway copy of an indexed database: it adds rows.
\set ON_ERROR_STOP on
\pset footer off
CREATE TEMP TABLE scale (tbl text PRIMARY KEY, rows_per_day numeric, bytes_before bigint, rows_before bigint);

-- The history's span in days, from the block times of the raw events.
SELECT greatest(extract(epoch FROM max(block_time) - min(block_time)) / 86400, 1) AS days FROM raw_events \gset

INSERT INTO scale
SELECT t, 0, pg_total_relation_size(t::regclass), 0
FROM unnest(ARRAY['raw_events', 'rebalances', 'rebalance_deferrals', 'nav_snapshots', 'reserve_metrics', 'pool_ledger',
                  'suspension_events', 'tokens', 'reserve_pools']) AS t;

DO $$
DECLARE r record; n bigint;
BEGIN
  FOR r IN SELECT tbl FROM scale LOOP
    EXECUTE format('SELECT count(*) FROM %I', r.tbl) INTO n;
    UPDATE scale SET rows_before = n WHERE tbl = r.tbl;
    -- 50 copies of every row, each under chain id 999000000 + copy: same widths, same index shapes.
    EXECUTE format($q$INSERT INTO %1$I SELECT (jsonb_populate_record(NULL::%1$I,
        to_jsonb(x) || jsonb_build_object('chain_id', 999000000 + g))).* FROM %1$I x, generate_series(1, 50) g$q$, r.tbl);
  END LOOP;
END $$;
VACUUM ANALYZE;

UPDATE scale SET rows_per_day = rows_before / :days;
SELECT tbl AS "table", rows_before AS "rows indexed", round(rows_per_day, 1) AS "rows/day",
       round((pg_total_relation_size(tbl::regclass) - bytes_before)::numeric / nullif(rows_before * 50, 0)) AS "bytes/row",
       round(rows_per_day * 365) AS "rows/year",
       pg_size_pretty(round(rows_per_day * 365 * (pg_total_relation_size(tbl::regclass) - bytes_before) / nullif(rows_before * 50, 0))::bigint) AS "size/year"
FROM scale ORDER BY tbl;
SELECT round(:days, 1) AS "days of history",
       pg_size_pretty(sum(round(rows_per_day * 365 * (pg_total_relation_size(tbl::regclass) - bytes_before) / nullif(rows_before * 50, 0)))::bigint) AS "one chain, one year"
FROM scale;

/**
 * Parity with the seed pipeline on the real REES46 sample: its hourly event-type table and its
 * daily funnel (session × product pairs by day, category and brand, consistent-population rates),
 * computed here by an independent query over the raw rows, agree with event_type_by_hour and
 * funnel_daily. The seed grouped by the source session id without a timeout, so the models run with
 * a timeout too long to split anything.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { REES46_SAMPLE_AVAILABLE, REES46_SAMPLE_FILE } from "../support/rees46Sample.js";
import { runCli } from "../support/runCli.js";

const SEED_FUNNEL = `
  WITH valid_events AS (
    SELECT DISTINCT event_time, event_type, product_id, category_code, brand, user_id, user_session
    FROM raw.events
    WHERE event_type IN ('view', 'cart', 'remove_from_cart', 'purchase') AND user_id IS NOT NULL AND product_id IS NOT NULL AND price >= 0
  ),
  session_days AS (SELECT user_session, CAST(min(event_time) AS DATE) AS event_date FROM valid_events GROUP BY user_session),
  pairs AS (
    SELECT e.user_session, e.product_id, s.event_date,
           NULLIF(split_part(any_value(e.category_code), '.', 1), '') AS category_main, NULLIF(any_value(e.brand), '') AS brand,
           bool_or(e.event_type = 'view') AS viewed, bool_or(e.event_type = 'cart') AS carted, bool_or(e.event_type = 'purchase') AS bought
    FROM valid_events e JOIN session_days s USING (user_session)
    GROUP BY e.user_session, e.product_id, s.event_date
  )
  SELECT event_date::VARCHAR AS event_date, category_main, brand,
         count(*) FILTER (WHERE viewed)::INT AS view_sessions,
         count(*) FILTER (WHERE viewed AND carted)::INT AS view_to_cart_sessions,
         count(*) FILTER (WHERE carted)::INT AS cart_sessions,
         count(*) FILTER (WHERE carted AND bought)::INT AS cart_to_purchase_sessions,
         count(*) FILTER (WHERE viewed AND bought)::INT AS view_to_purchase_sessions,
         (count(*) FILTER (WHERE viewed AND carted) / NULLIF(count(*) FILTER (WHERE viewed), 0))::DOUBLE AS view_to_cart_rate,
         (count(*) FILTER (WHERE carted AND bought) / NULLIF(count(*) FILTER (WHERE carted), 0))::DOUBLE AS cart_to_purchase_rate,
         (count(*) FILTER (WHERE viewed AND bought) / NULLIF(count(*) FILTER (WHERE viewed), 0))::DOUBLE AS view_to_purchase_rate
  FROM pairs GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST`;

const OUR_FUNNEL = `
  SELECT event_date::VARCHAR AS event_date, category_main, brand, view_sessions::INT AS view_sessions, view_to_cart_sessions::INT AS view_to_cart_sessions,
         cart_sessions::INT AS cart_sessions, cart_to_purchase_sessions::INT AS cart_to_purchase_sessions, view_to_purchase_sessions::INT AS view_to_purchase_sessions,
         view_to_cart_rate, cart_to_purchase_rate, view_to_purchase_rate
  FROM marts.funnel_daily ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST`;

describe.skipIf(!REES46_SAMPLE_AVAILABLE)("parity with the seed pipeline on the REES46 sample", () => {
  let dir: string;
  let warehousePath: string;
  const query = async (sql: string) => {
    const warehouse = await DuckdbWarehouse.open(warehousePath, { readOnly: true });
    try {
      return (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      warehouse.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "clickstream-parity-"));
    warehousePath = join(dir, "warehouse.duckdb");
    const run = await runCli(["pipeline", "--input", REES46_SAMPLE_FILE, "--warehouse", warehousePath, "--vars", "session_timeout_minutes=10000000", "--quiet"]);
    expect(run.stderr).toBe("");
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("agrees on the daily funnel by category and brand, row for row", async () => {
    const seed = await query(SEED_FUNNEL);
    expect(seed.length).toBeGreaterThan(100);
    expect(await query(OUR_FUNNEL)).toEqual(seed);
  });

  it("agrees on the hourly event-type table", async () => {
    const seed = await query(`SELECT date_trunc('hour', event_time)::VARCHAR AS hour, event_type, count(*)::INT AS n
      FROM (SELECT DISTINCT * EXCLUDE (_source_file, _source_line, _load_id, _loaded_at) FROM raw.events) GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(await query("SELECT event_hour::VARCHAR AS hour, event_type, event_count::INT AS n FROM marts.event_type_by_hour ORDER BY 1, 2")).toEqual(seed);
  });
});

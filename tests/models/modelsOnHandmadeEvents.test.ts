/**
 * Model tests: a dozen hand-made events through the real models (compiled by Dataform, run by the
 * local runner), checked against rows computed by hand. Dataform's own `type: "test"` cannot test
 * incremental models; these cover them.
 *
 * The events: user 1 views two phones just before midnight and buys one just after (one session
 * across midnight), then returns 54 minutes later (a new session); user 2 views and buys in the
 * same second with no cart, and that view is logged twice; user 3's event has no session id; two
 * rows break business rules.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProject } from "../../runner/runProject.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";
import { loadEventLines } from "../support/loadHarness.js";

const S1 = "aaaaaaaa-0000-4000-8000-000000000001";
const S2 = "aaaaaaaa-0000-4000-8000-000000000002";
const PHONE_A = "1001,2053013555631882655,electronics.smartphone,apple,100.00";
const PHONE_B = "1002,2053013555631882655,electronics.smartphone,samsung,80.00";
const TOY = "2001,2053013555631882999,kids.toys,lego,20.00";

const EVENTS = [
  `2019-10-01 23:50:00 UTC,view,${PHONE_A},1,${S1}`,
  `2019-10-01 23:55:00 UTC,view,${PHONE_B},1,${S1}`,
  `2019-10-02 00:05:00 UTC,cart,${PHONE_A},1,${S1}`,
  `2019-10-02 00:06:00 UTC,purchase,${PHONE_A},1,${S1}`,
  `2019-10-02 01:00:00 UTC,view,${TOY},1,${S1}`,
  `2019-10-02 10:00:00 UTC,purchase,${PHONE_A},2,${S2}`,
  `2019-10-02 10:00:00 UTC,view,${PHONE_A},2,${S2}`,
  `2019-10-02 10:00:00 UTC,view,${PHONE_A},2,${S2}`,
  `2019-10-02 12:00:00 UTC,view,${PHONE_B},3,`,
  `2019-10-02 13:00:00 UTC,click,${PHONE_B},3,`,
  `2019-10-02 14:00:00 UTC,view,1003,2053013555631882655,,,-5.00,4,${S2}`,
  // After the end of daylight saving time in New York (2019-11-03): 12:00 UTC is 07:00 there.
  `2019-11-04 12:00:00 UTC,view,${TOY},5,aaaaaaaa-0000-4000-8000-000000000005`,
];

let dir: string;

/** Runs every model on the warehouse; any action that fails fails the test with its error. */
async function runModels(warehousePath: string, options: { vars?: Record<string, string>; fullRefresh?: boolean } = {}): Promise<void> {
  const { result } = await runProject({ projectDir: REPOSITORY_ROOT, warehousePath, ...options });
  expect(result.actions.filter((action) => action.status !== "successful").map((action) => action.error)).toEqual([]);
}

/** A copy of the warehouse at `path`, rebuilt with --full-refresh: what the incremental run must equal. */
async function fullRefreshCopy(path: string, name: string, vars: Record<string, string> = {}): Promise<string> {
  const copy = join(dir, `${name}.duckdb`);
  copyFileSync(path, copy);
  await runModels(copy, { vars, fullRefresh: true });
  return copy;
}

async function buildWarehouse(name: string, vars: Record<string, string> = {}): Promise<string> {
  const warehousePath = await loadEventLines(dir, name, EVENTS);
  await runModels(warehousePath, { vars });
  return warehousePath;
}

let utc: string;
const query = async (sql: string, path = utc) => {
  const warehouse = await DuckdbWarehouse.open(path, { readOnly: true });
  try {
    return (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    warehouse.close();
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clickstream-models-"));
  utc = await buildWarehouse("utc");
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("staging", () => {
  it("keeps one row per distinct valid event, counts the duplicate and rejects the rule breakers", async () => {
    expect(await query("SELECT count(*)::INT AS events, sum(duplicate_count)::INT AS duplicates FROM staging.stg_events")).toEqual([{ events: 9, duplicates: 1 }]);
    expect(await query("SELECT _source_line::INT AS line, rejection_reason FROM staging.stg_events_rejected ORDER BY 1")).toEqual([
      { line: 11, rejection_reason: 'unknown event_type "click"' },
      { line: 12, rejection_reason: "negative price" },
    ]);
    expect(
      await query("SELECT category_main, category_sub, category_leaf, brand, user_session FROM staging.stg_events WHERE user_id = 3"),
    ).toEqual([{ category_main: "electronics", category_sub: "smartphone", category_leaf: "smartphone", brand: "samsung", user_session: null }]);
  });

  it("checks raw for rejects from where it stopped, also after a load without any (stg_events_rejected_manifest)", async () => {
    const path = await buildWarehouse("manifest");
    const run = async () => {
      const { result } = await runProject({ projectDir: REPOSITORY_ROOT, warehousePath: path, selection: { actions: ["stg_events_rejected"] } });
      expect(result.status).toBe("successful");
    };
    const state = () =>
      query(
        `SELECT (SELECT checked_through FROM staging.stg_events_rejected_manifest) = (SELECT max(_loaded_at) FROM raw.events) AS checked_to_newest_load,
          (SELECT string_agg(file || ':' || _source_line, ', ' ORDER BY file, _source_line) FROM (SELECT regexp_extract(_source_file, '[^/]+$') AS file, _source_line FROM staging.stg_events_rejected)) AS rejects`,
        path,
      );
    const firstRejects = "manifest-events.csv:11, manifest-events.csv:12";
    expect(await state()).toEqual([{ checked_to_newest_load: true, rejects: firstRejects }]);

    await loadEventLines(dir, "clean", [`2019-10-03 09:00:00 UTC,view,${TOY},6,${S2}`], path);
    await run();
    expect(await state()).toEqual([{ checked_to_newest_load: true, rejects: firstRejects }]);

    // A row of a load already checked now breaks a rule: with nothing new loaded, nothing is read
    // again (a watermark kept in the rejects alone would still stand at the first load's and recheck).
    const warehouse = await DuckdbWarehouse.open(path);
    const tampered = await warehouse.connection.run("UPDATE raw.events SET price = -1 WHERE _source_file LIKE '%/clean-events.csv'");
    expect(tampered.rowsChanged).toBe(1);
    warehouse.close();
    await run();
    expect(await state()).toEqual([{ checked_to_newest_load: true, rejects: firstRejects }]);

    // The next load's rejects land, and its load date is checked again whole.
    await loadEventLines(dir, "late", [`2019-10-03 10:00:00 UTC,view,${TOY},,${S2}`], path);
    await run();
    expect(await state()).toEqual([{ checked_to_newest_load: true, rejects: `clean-events.csv:2, late-events.csv:2, ${firstRejects}` }]);
  });
});

describe("sessions", () => {
  it("splits on the 30-minute timeout, keeps a session across midnight whole, and groups events without a session id by user", async () => {
    expect(
      await query(`SELECT session_date::VARCHAR AS date, strftime(session_start, '%H:%M') AS start, duration_seconds::INT AS seconds,
                          events::INT AS events, views::INT AS views, carts::INT AS carts, purchases::INT AS purchases, revenue::VARCHAR AS revenue,
                          distinct_products::INT AS products, journey_path, exit_event_type, is_bounce, is_converted, deepest_stage,
                          crosses_midnight, started_after_pause, has_source_session
                   FROM marts.sessions ORDER BY session_start`),
    ).toEqual([
      { date: "2019-10-01", start: "23:50", seconds: 960, events: 4, views: 2, carts: 1, purchases: 1, revenue: "100.00", products: 2, journey_path: "view>cart>purchase", exit_event_type: "purchase", is_bounce: false, is_converted: true, deepest_stage: "purchase", crosses_midnight: true, started_after_pause: false, has_source_session: true },
      { date: "2019-10-02", start: "01:00", seconds: 0, events: 1, views: 1, carts: 0, purchases: 0, revenue: "0.00", products: 1, journey_path: "view", exit_event_type: "view", is_bounce: true, is_converted: false, deepest_stage: "view", crosses_midnight: false, started_after_pause: true, has_source_session: true },
      { date: "2019-10-02", start: "10:00", seconds: 0, events: 2, views: 1, carts: 0, purchases: 1, revenue: "100.00", products: 1, journey_path: "view>purchase", exit_event_type: "purchase", is_bounce: false, is_converted: true, deepest_stage: "purchase", crosses_midnight: false, started_after_pause: false, has_source_session: true },
      { date: "2019-10-02", start: "12:00", seconds: 0, events: 1, views: 1, carts: 0, purchases: 0, revenue: "0.00", products: 1, journey_path: "view", exit_event_type: "view", is_bounce: true, is_converted: false, deepest_stage: "view", crosses_midnight: false, started_after_pause: false, has_source_session: false },
      { date: "2019-11-04", start: "12:00", seconds: 0, events: 1, views: 1, carts: 0, purchases: 0, revenue: "0.00", products: 1, journey_path: "view", exit_event_type: "view", is_bounce: true, is_converted: false, deepest_stage: "view", crosses_midnight: false, started_after_pause: false, has_source_session: true },
    ]);
  });

  it("derives the session id from the source session and the first event time", async () => {
    const expected = (await query(`SELECT md5('${S1}|2019-10-01 23:50:00') AS id`))[0]!["id"];
    expect(await query("SELECT session_id AS id FROM marts.sessions WHERE session_date = DATE '2019-10-01'")).toEqual([{ id: expected }]);
  });

  it("scores session quality per day", async () => {
    expect(
      await query(`SELECT session_date::VARCHAR AS date, sessions::INT AS sessions, split_by_timeout_share AS split, crossing_midnight_share AS midnight,
                          missing_session_id_share AS missing FROM marts.session_quality ORDER BY 1`),
    ).toEqual([
      { date: "2019-10-01", sessions: 1, split: 0, midnight: 1, missing: 0 },
      { date: "2019-10-02", sessions: 3, split: 1 / 3, midnight: 0, missing: 1 / 3 },
      { date: "2019-11-04", sessions: 1, split: 0, midnight: 0, missing: 0 },
    ]);
  });
});

describe("funnels", () => {
  it("records each session × product pair's steps, order and time to purchase", async () => {
    expect(
      await query(`SELECT session_date::VARCHAR AS date, product_id::INT AS product, has_view, has_cart, has_purchase, stage_reached, in_order,
                          seconds_view_to_purchase::INT AS seconds FROM marts.fct_funnel_events ORDER BY first_view_at, product_id`),
    ).toEqual([
      { date: "2019-10-01", product: 1001, has_view: true, has_cart: true, has_purchase: true, stage_reached: "purchase", in_order: true, seconds: 960 },
      { date: "2019-10-01", product: 1002, has_view: true, has_cart: false, has_purchase: false, stage_reached: "view", in_order: false, seconds: null },
      { date: "2019-10-02", product: 2001, has_view: true, has_cart: false, has_purchase: false, stage_reached: "view", in_order: false, seconds: null },
      // Same second: the view sorts before the purchase, so the time to purchase is 0.
      { date: "2019-10-02", product: 1001, has_view: true, has_cart: false, has_purchase: true, stage_reached: "purchase", in_order: false, seconds: 0 },
      { date: "2019-10-02", product: 1002, has_view: true, has_cart: false, has_purchase: false, stage_reached: "view", in_order: false, seconds: null },
      { date: "2019-11-04", product: 2001, has_view: true, has_cart: false, has_purchase: false, stage_reached: "view", in_order: false, seconds: null },
    ]);
  });

  it("counts consistent populations per day, category and brand", async () => {
    expect(
      await query(`SELECT event_date::VARCHAR AS date, category_main AS category, brand, view_sessions::INT AS v, view_to_cart_sessions::INT AS vc,
                          cart_sessions::INT AS c, cart_to_purchase_sessions::INT AS cp, view_to_purchase_sessions::INT AS vp,
                          view_to_cart_rate AS vc_rate, cart_to_purchase_rate AS cp_rate, view_to_purchase_rate AS vp_rate
                   FROM marts.funnel_daily WHERE event_date < DATE '2019-11-01' ORDER BY 1, 2, 3`),
    ).toEqual([
      { date: "2019-10-01", category: "electronics", brand: "apple", v: 1, vc: 1, c: 1, cp: 1, vp: 1, vc_rate: 1, cp_rate: 1, vp_rate: 1 },
      { date: "2019-10-01", category: "electronics", brand: "samsung", v: 1, vc: 0, c: 0, cp: 0, vp: 0, vc_rate: 0, cp_rate: null, vp_rate: 0 },
      { date: "2019-10-02", category: "electronics", brand: "apple", v: 1, vc: 0, c: 0, cp: 0, vp: 1, vc_rate: 0, cp_rate: null, vp_rate: 1 },
      { date: "2019-10-02", category: "electronics", brand: "samsung", v: 1, vc: 0, c: 0, cp: 0, vp: 0, vc_rate: 0, cp_rate: null, vp_rate: 0 },
      { date: "2019-10-02", category: "kids", brand: "lego", v: 1, vc: 0, c: 0, cp: 0, vp: 0, vc_rate: 0, cp_rate: null, vp_rate: 0 },
    ]);
    expect(
      await query(`SELECT step, pairs::INT AS pairs, pairs_in_order::INT AS in_order, drop_off::INT AS drop_off
                   FROM marts.funnel_steps_daily WHERE event_date = DATE '2019-10-01' ORDER BY step_number`),
    ).toEqual([
      { step: "view", pairs: 2, in_order: 2, drop_off: 0 },
      { step: "cart", pairs: 1, in_order: 1, drop_off: 1 },
      { step: "purchase", pairs: 1, in_order: 1, drop_off: 0 },
    ]);
    expect(await query("SELECT event_date::VARCHAR AS date, median_seconds AS median, p90_seconds AS p90 FROM marts.time_to_purchase_daily ORDER BY 1")).toEqual([
      { date: "2019-10-01", median: 960, p90: 960 },
      { date: "2019-10-02", median: 0, p90: 0 },
    ]);
  });
});

describe("product conversion", () => {
  // A later load brings a third copy of user 2's view, a very late view with an old category, a new
  // viewer, and an event at the product's latest time whose category sorts after the old one.
  const LATER_LOAD = [
    `2019-10-02 10:00:00 UTC,view,${PHONE_A},2,${S2}`,
    "2019-09-30 08:00:00 UTC,view,1001,2053013555631882655,appliances.phones,apple,100.00,1,aaaaaaaa-0000-4000-8000-000000000009",
    "2019-10-02 10:00:00 UTC,view,1001,2053013555631882655,kids.phones,apple,100.00,7,aaaaaaaa-0000-4000-8000-000000000007",
  ];
  const phoneA = (path: string) =>
    query(
      `SELECT category_main, brand, views::INT AS views, unique_viewers::INT AS viewers, carts::INT AS carts, purchases::INT AS purchases,
              revenue::VARCHAR AS revenue, view_sessions::INT AS view_sessions FROM marts.product_conversion WHERE product_id = 1001`,
      path,
    );

  it("adds only events first loaded since the last run: a late copy counts once, the latest label wins, a tie goes to the greater", async () => {
    const path = await buildWarehouse("products");
    expect(await phoneA(path)).toEqual([
      { category_main: "electronics", brand: "apple", views: 2, viewers: 2, carts: 1, purchases: 2, revenue: "200.00", view_sessions: 2 },
    ]);

    await loadEventLines(dir, "products-later", LATER_LOAD, path);
    await runModels(path);
    const expected = { category_main: "kids", brand: "apple", views: 4, viewers: 3, carts: 1, purchases: 2, revenue: "200.00", view_sessions: 4 };
    expect(await phoneA(path)).toEqual([expected]);

    expect(await phoneA(await fullRefreshCopy(path, "products-full-refresh"))).toEqual([expected]);
  });
});

describe("dates a late event empties", () => {
  // User 6 views a toy just after midnight and buys it five minutes later: the only timed purchase
  // of 2019-11-06, where user 8 has a session too. User 7's view just after the next midnight is the
  // only session of 2019-11-07. A later load brings a view at 23:55 the evening before each, which
  // joins that session, so both start a day earlier: 2019-11-07 has no session left and 2019-11-06
  // no timed purchase.
  const [S6, S7, S8] = ["6", "7", "8"].map((n) => `aaaaaaaa-0000-4000-8000-00000000000${n}`);
  const FIRST_LOAD = [
    `2019-11-06 00:10:00 UTC,view,${TOY},6,${S6}`,
    `2019-11-06 00:15:00 UTC,purchase,${TOY},6,${S6}`,
    `2019-11-06 10:00:00 UTC,view,${PHONE_B},8,${S8}`,
    `2019-11-07 00:10:00 UTC,view,${TOY},7,${S7}`,
  ];
  const LATE_EVENINGS = [`2019-11-05 23:55:00 UTC,view,${TOY},6,${S6}`, `2019-11-06 23:55:00 UTC,view,${TOY},7,${S7}`];
  const SESSION_DATE_MARTS = [
    "staging.int_session_starts_hourly",
    "marts.session_quality",
    "marts.journey_paths_daily",
    "marts.funnel_daily",
    "marts.funnel_by_category_daily",
    "marts.funnel_by_brand_daily",
    "marts.funnel_steps_daily",
    "marts.time_to_purchase_daily",
  ];
  const contents = async (path: string) =>
    Object.fromEntries(await Promise.all(SESSION_DATE_MARTS.map(async (table) => [table, await query(`SELECT * FROM ${table} ORDER BY ALL`, path)])));
  const datesOf = (rows: Array<Record<string, unknown>>) => [...new Set(rows.map((row) => String(row["session_date"] ?? row["event_date"])))].filter((date) => date >= "2019-11-05");

  it("lose their rows in the daily session marts on a daily run, as on a full refresh", async () => {
    const path = await loadEventLines(dir, "emptied-dates", [...EVENTS, ...FIRST_LOAD]);
    await runModels(path);
    const before = await contents(path);
    expect(datesOf(before["marts.time_to_purchase_daily"])).toEqual(["2019-11-06"]);
    expect(datesOf(before["marts.session_quality"])).toEqual(["2019-11-06", "2019-11-07"]);

    await loadEventLines(dir, "emptied-dates-later", LATE_EVENINGS, path);
    await runModels(path);
    const daily = await contents(path);
    expect(datesOf(daily["marts.time_to_purchase_daily"])).toEqual(["2019-11-05"]);
    for (const table of SESSION_DATE_MARTS.filter((table) => table !== "marts.time_to_purchase_daily")) {
      expect(datesOf(daily[table]), table).toEqual(["2019-11-05", "2019-11-06"]);
    }
    expect(daily).toEqual(await contents(await fullRefreshCopy(path, "emptied-dates-full-refresh")));
  });
});

describe("KPIs, journeys and time", () => {
  it("counts events by event date and sessions by session date", async () => {
    expect(
      await query(`SELECT kpi_date::VARCHAR AS date, active_users::INT AS users, events::INT AS events, purchases::INT AS purchases, revenue::VARCHAR AS revenue,
                          sessions::INT AS sessions, converted_sessions::INT AS converted, conversion_rate AS rate, cart_abandonment_rate AS abandonment,
                          average_order_value::DOUBLE AS aov
                   FROM marts.daily_kpis ORDER BY 1`),
    ).toEqual([
      { date: "2019-10-01", users: 1, events: 2, purchases: 0, revenue: "0.00", sessions: 1, converted: 1, rate: 1, abandonment: 0, aov: null },
      { date: "2019-10-02", users: 3, events: 6, purchases: 2, revenue: "200.00", sessions: 3, converted: 1, rate: 1 / 3, abandonment: null, aov: 100 },
      { date: "2019-11-04", users: 1, events: 1, purchases: 0, revenue: "0.00", sessions: 1, converted: 0, rate: 0, abandonment: null, aov: null },
    ]);
  });

  it("ranks journeys by sessions with their conversion", async () => {
    expect(await query("SELECT journey_path, exit_event_type, sessions::INT AS sessions, conversion_rate FROM marts.journey_paths")).toEqual([
      { journey_path: "view", exit_event_type: "view", sessions: 3, conversion_rate: 0 },
      { journey_path: "view>cart>purchase", exit_event_type: "purchase", sessions: 1, conversion_rate: 1 },
      { journey_path: "view>purchase", exit_event_type: "purchase", sessions: 1, conversion_rate: 1 },
    ]);
  });

  it("counts the seed's hourly table", async () => {
    expect(
      await query("SELECT strftime(event_hour, '%Y-%m-%d %H') AS hour, event_type, event_count::INT AS n FROM marts.event_type_by_hour WHERE event_date < DATE '2019-11-01' ORDER BY 1, 2"),
    ).toEqual([
      { hour: "2019-10-01 23", event_type: "view", n: 2 },
      { hour: "2019-10-02 00", event_type: "cart", n: 1 },
      { hour: "2019-10-02 00", event_type: "purchase", n: 1 },
      { hour: "2019-10-02 01", event_type: "view", n: 1 },
      { hour: "2019-10-02 10", event_type: "purchase", n: 1 },
      { hour: "2019-10-02 10", event_type: "view", n: 1 },
      { hour: "2019-10-02 12", event_type: "view", n: 1 },
    ]);
  });

  it("uses the reporting time zone for local hours, across a daylight-saving change", async () => {
    const newYork = await buildWarehouse("new-york", { reporting_timezone: "America/New_York" });
    expect(
      await query("SELECT local_date::VARCHAR AS date, local_hour::INT AS hour, local_weekday::INT AS weekday, events::INT AS events FROM marts.traffic_hourly ORDER BY 1, 2", newYork),
    ).toEqual([
      { date: "2019-10-01", hour: 19, weekday: 3, events: 2 },
      { date: "2019-10-01", hour: 20, weekday: 3, events: 2 },
      { date: "2019-10-01", hour: 21, weekday: 3, events: 1 },
      { date: "2019-10-02", hour: 6, weekday: 4, events: 2 },
      { date: "2019-10-02", hour: 8, weekday: 4, events: 1 },
      { date: "2019-11-04", hour: 7, weekday: 2, events: 1 },
    ]);
    expect(await query("SELECT local_date::VARCHAR AS date, peak_hour::INT AS hour FROM marts.peak_hours_daily ORDER BY 1", newYork)).toEqual([
      { date: "2019-10-01", hour: 19 },
      { date: "2019-10-02", hour: 6 },
      { date: "2019-11-04", hour: 7 },
    ]);
  });

  it("a daily run recomputes the local dates its events fall on, reading their UTC dates (a day apart)", async () => {
    const vars = { reporting_timezone: "America/New_York" };
    const newYork = await buildWarehouse("new-york-daily", vars);
    // 03:00 UTC on 2019-11-05 is 22:00 on 2019-11-04 in New York: the partition to recompute is the
    // local date, whose events lie on two UTC dates.
    await loadEventLines(dir, "new-york-later", [`2019-11-05 03:00:00 UTC,view,${TOY},5,aaaaaaaa-0000-4000-8000-000000000005`], newYork);
    await runModels(newYork, { vars });
    const hourly = (path: string) => query("SELECT local_date::VARCHAR AS date, local_hour::INT AS hour, events::INT AS events FROM marts.traffic_hourly ORDER BY 1, 2", path);
    const daily = await hourly(newYork);
    expect(daily.filter((row) => row.date === "2019-11-04")).toEqual([
      { date: "2019-11-04", hour: 7, events: 1 },
      { date: "2019-11-04", hour: 22, events: 1 },
    ]);
    expect(daily).toEqual(await hourly(await fullRefreshCopy(newYork, "new-york-full-refresh", vars)));
  });
});

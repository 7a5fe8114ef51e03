/**
 * Decision 7: any sequence of loads and incremental runs gives the same staging tables and marts
 * as one full refresh of the same raw data. The sequence here is hostile on purpose: days arrive
 * one by one, then data for days far outside the lookback window, an event that merges two
 * sessions, one that moves a session's start back across midnight, a late exact duplicate, and a
 * row that breaks a business rule. Always-on source sessions (a view every 10 minutes for days)
 * cross the daily loads, and late events fill their gaps: the session rule's midnight cuts move,
 * including the farthest cases its recompute window allows for.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFileToDuckdb } from "../../loaders/duckdb/loadFileToDuckdb.js";
import { CSV_HEADER, generateDataset } from "../../loaders/generate/generateDataset.js";
import { createRawTablesSql } from "../../loaders/rawTables.js";
import { compileProject } from "../../runner/compile/compileProject.js";
import type { CompiledGraph } from "../../runner/graph/compiledGraph.js";
import { runProject } from "../../runner/runProject.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";

let dir: string;
let graph: CompiledGraph;
const incrementalPath = () => join(dir, "incremental.duckdb");
const fullRefreshPath = () => join(dir, "full-refresh.duckdb");

async function withWarehouse<T>(path: string, work: (warehouse: DuckdbWarehouse) => Promise<T>): Promise<T> {
  const warehouse = await DuckdbWarehouse.open(path);
  try {
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}

async function load(path: string): Promise<void> {
  await withWarehouse(incrementalPath(), async (warehouse) => {
    await warehouse.connection.run(createRawTablesSql());
    await loadFileToDuckdb(warehouse.connection, path, { replace: "never", maxRejected: { kind: "percent", value: 100 }, mapColumns: false });
  });
}

async function run(warehousePath: string, fullRefresh = false): Promise<void> {
  const { result } = await runProject({ projectDir: REPOSITORY_ROOT, warehousePath, graph, fullRefresh });
  const failed = result.actions.filter((action) => action.status !== "successful");
  expect(failed.map((action) => action.error ?? action.name)).toEqual([]);
}

async function rows<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  return withWarehouse(path, async (warehouse) => (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson() as T[]);
}

function csvLine(row: Record<string, unknown>): string {
  return [row["event_time"], row["event_type"], row["product_id"], row["category_id"], row["category_code"], row["brand"], row["price"], row["user_id"], row["user_session"]]
    .map((value) => (value === null ? "" : String(value)))
    .join(",");
}

/** Raw rows as CSV text, their time shifted by `seconds`. */
const RAW_AS_CSV = (seconds: number, table = "raw.events") => `
  strftime(${table}.event_time + to_seconds(${seconds}), '%Y-%m-%d %H:%M:%S UTC') AS event_time, ${table}.event_type,
  ${table}.product_id, ${table}.category_id, ${table}.category_code, ${table}.brand, ${table}.price::VARCHAR AS price,
  ${table}.user_id, ${table}.user_session`;

/**
 * Always-on source sessions: a view every 10 minutes over [from, to], minus the times held back to
 * arrive late (each a gap longer than the 30-minute timeout while missing).
 */
const ALWAYS_ON = [
  // Five UTC dates; the first gap (Oct 2) arrives mid-sequence, the second (around Oct 4 midnight) at the end.
  { session: "kiosk-a", user: 600000001, from: "2019-10-01 20:00", to: "2019-10-05 04:00", heldBack: [["2019-10-02 05:10", "2019-10-02 05:50"], ["2019-10-03 23:50", "2019-10-04 00:10"]] },
  // Late events just before its start move the run's start back a date: a new cut two dates after them (Oct 3).
  { session: "kiosk-b", user: 600000002, from: "2019-10-01 23:35", to: "2019-10-04 12:00", heldBack: [["2019-10-01 23:35", "2019-10-01 23:55"]] },
  // Late events just after a cut midnight (Oct 3) join the run: the session two dates before them now ends at a cut.
  { session: "kiosk-c", user: 600000003, from: "2019-10-01 08:00", to: "2019-10-03 12:00", heldBack: [["2019-10-03 00:00", "2019-10-03 00:20"]] },
];

/** The always-on events by UTC date, and the held-back ones by `<session>#<gap index>`. */
function alwaysOnLines(): { byDate: Map<string, string[]>; heldBack: Map<string, string[]> } {
  const byDate = new Map<string, string[]>();
  const heldBack = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, line: string) => map.set(key, [...(map.get(key) ?? []), line]);
  const utc = (text: string) => Date.parse(`${text.replace(" ", "T")}:00Z`);
  for (const { session, user, from, to, heldBack: gaps } of ALWAYS_ON) {
    for (let time = utc(from); time <= utc(to); time += 10 * 60_000) {
      const text = new Date(time).toISOString().slice(0, 19).replace("T", " ");
      const line = `${text} UTC,view,1005115,2053013555631882655,electronics.smartphone,apple,915.69,${user},${session}`;
      const gap = gaps.findIndex(([first, last]) => time >= utc(first!) && time <= utc(last!));
      if (gap >= 0) add(heldBack, `${session}#${gap}`, line);
      else add(byDate, text.slice(0, 10), line);
    }
  }
  return { byDate, heldBack };
}

function writeCsv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [CSV_HEADER, ...lines].join("\n") + "\n");
  return path;
}

/** Each always-on source session's sessions: start time and whether it begins or ends at a midnight cut. */
const alwaysOnSessions = () =>
  rows<{ session: string; start: string; starts_at_cut: boolean; ends_at_cut: boolean; events: number }>(
    incrementalPath(),
    `SELECT s.source_session AS session, strftime(m.session_start, '%m-%d %H:%M') AS start, m.starts_at_day_cut AS starts_at_cut,
            m.ends_at_day_cut AS ends_at_cut, m.events::INT AS events
     FROM marts.sessions m JOIN staging.int_session_events s USING (session_id)
     WHERE s.event_sequence = 1 AND s.source_session LIKE 'kiosk-%' ORDER BY 1, 2`,
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clickstream-incremental-"));
  graph = await compileProject({ projectDir: REPOSITORY_ROOT });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("incremental runs equal a full refresh", () => {
  it("after days arriving one by one, very late data, merged and moved sessions, late duplicates and rejects", async () => {
    const days = await generateDataset({ events: 24_000, days: 7, start: "2019-10-01", seed: 11, outDir: join(dir, "days"), split: "day", gzip: false });
    const alwaysOn = alwaysOnLines();
    for (const [index, day] of days.entries()) {
      const date = `2019-10-0${index + 1}`;
      await load(day.path);
      await load(writeCsv(`always-on-${date}.csv`, alwaysOn.byDate.get(date) ?? []));
      await run(incrementalPath());
      // Mid-sequence, a gap two days back fills: kiosk-a becomes one run from Oct 1.
      if (date === "2019-10-04") {
        await load(writeCsv("always-on-late-a0.csv", alwaysOn.heldBack.get("kiosk-a#0")!));
        await run(incrementalPath());
      }
    }
    const cut = (session: string, start: string, events: number, startsAtCut: boolean, endsAtCut: boolean) => ({ session, start, events, starts_at_cut: startsAtCut, ends_at_cut: endsAtCut });
    expect(await alwaysOnSessions()).toEqual([
      cut("kiosk-a", "10-01 20:00", 168, false, true),
      cut("kiosk-a", "10-03 00:00", 143, true, false),
      cut("kiosk-a", "10-04 00:20", 167, false, false),
      cut("kiosk-b", "10-02 00:05", 288, false, true),
      cut("kiosk-b", "10-04 00:05", 72, true, false),
      cut("kiosk-c", "10-01 08:00", 240, false, false),
      cut("kiosk-c", "10-03 00:30", 70, false, false),
    ]);

    // The remaining gaps fill after the last day, outside the lookback window, one load each (so that
    // no other new data widens the recompute): kiosk-b gains a session cut two dates after its late
    // events, kiosk-c's session two dates before its late events now ends at a cut.
    for (const gap of ["kiosk-a#1", "kiosk-b#0", "kiosk-c#0"]) {
      await load(writeCsv(`always-on-late-${gap.replace("#", "")}.csv`, alwaysOn.heldBack.get(gap)!));
      await run(incrementalPath());
    }
    expect(await alwaysOnSessions()).toEqual([
      cut("kiosk-a", "10-01 20:00", 168, false, true),
      cut("kiosk-a", "10-03 00:00", 144, true, true),
      cut("kiosk-a", "10-04 00:00", 144, true, true),
      cut("kiosk-a", "10-05 00:00", 25, true, false),
      cut("kiosk-b", "10-01 23:35", 147, false, true),
      cut("kiosk-b", "10-03 00:05", 144, true, true),
      cut("kiosk-b", "10-04 00:05", 72, true, false),
      cut("kiosk-c", "10-01 08:00", 240, false, true),
      cut("kiosk-c", "10-03 00:00", 73, true, false),
    ]);

    // New sessions on the first three days, far outside any lookback window.
    const [veryLate] = await generateDataset({ events: 1_500, days: 3, start: "2019-10-01", seed: 12, outDir: join(dir, "late"), split: "none", gzip: false });
    await load(veryLate!.path);
    await run(incrementalPath());

    // One event in the pause between two sessions of the same source (day 2) merges them; one event
    // before a session that starts just after midnight (day 3) moves its start back to day 2.
    const [split] = await rows(incrementalPath(), `
      WITH starts AS (
        SELECT session_id, session_start, LAG(session_id) OVER (PARTITION BY source_session ORDER BY session_start) AS previous_session
        FROM staging.int_session_events WHERE event_sequence = 1),
      ends AS (
        SELECT session_id, max(event_time) AS session_end, arg_max(event_id, event_sequence) AS last_event_id
        FROM staging.int_session_events GROUP BY session_id)
      SELECT stg._source_file, stg._source_line
      FROM starts JOIN ends ON ends.session_id = starts.previous_session JOIN staging.stg_events stg ON stg.event_id = ends.last_event_id
      WHERE starts.session_start < TIMESTAMPTZ '2019-10-03 00:00:00+00' AND starts.session_start >= TIMESTAMPTZ '2019-10-02 00:00:00+00'
        AND date_diff('second', ends.session_end, starts.session_start) BETWEEN 1860 AND 2900
      ORDER BY 1, 2 LIMIT 1`);
    const [afterMidnight] = await rows(incrementalPath(), `
      SELECT ${RAW_AS_CSV(-20 * 60, "e")} FROM raw.events e
      JOIN staging.int_session_events s ON s.event_id IS NOT NULL AND e.user_session = s.source_session
      WHERE s.event_sequence = 1 AND s.session_start BETWEEN TIMESTAMPTZ '2019-10-03 00:00:00+00' AND TIMESTAMPTZ '2019-10-03 00:15:00+00'
        AND e.event_time = s.session_start AND s.seconds_since_previous IS NULL
      ORDER BY s.session_id LIMIT 1`);
    const [duplicate] = await rows(incrementalPath(), `SELECT ${RAW_AS_CSV(0)} FROM raw.events WHERE event_time < TIMESTAMPTZ '2019-10-02 00:00:00+00' ORDER BY _source_line LIMIT 1`);
    expect(split, "a day-2 source session split by a pause").toBeDefined();
    expect(afterMidnight, "a day-3 session starting just after midnight").toBeDefined();
    const merger = await rows(incrementalPath(), `SELECT ${RAW_AS_CSV(20 * 60)} FROM raw.events WHERE _source_file = '${split!["_source_file"]}' AND _source_line = ${split!["_source_line"]}`);
    const crafted = join(dir, "crafted.csv");
    writeFileSync(
      crafted,
      [
        CSV_HEADER,
        csvLine(merger[0]!),
        csvLine(afterMidnight!),
        csvLine(duplicate!),
        "2019-10-02 10:00:00 UTC,click,1000978,2053013552226107603,,,1.00,512000031,0e7483bb-aad4-423a-a7c0-5f2cd1ff285e",
      ].join("\n") + "\n",
    );
    const counts = () =>
      rows<{ day2: number; day3: number; duplicates: number }>(
        incrementalPath(),
        `SELECT (SELECT count(*)::INT FROM marts.sessions WHERE session_date = DATE '2019-10-02') AS day2,
                (SELECT count(*)::INT FROM marts.sessions WHERE session_date = DATE '2019-10-03') AS day3,
                (SELECT sum(duplicate_count)::INT FROM staging.stg_events) AS duplicates`,
      );
    const [before] = await counts();
    await load(crafted);
    await run(incrementalPath());
    // The crafted rows did what they were meant to: day 2 lost a session to the merge and gained the
    // one that moved back from day 3; the late copy counts as a duplicate; the bad row is rejected.
    const [after] = await counts();
    expect(after).toEqual({ day2: before!.day2, day3: before!.day3 - 1, duplicates: before!.duplicates + 1 });
    expect(await rows(incrementalPath(), "SELECT count(*)::INT AS n FROM staging.stg_events_rejected WHERE rejection_reason LIKE '%click%'")).toEqual([{ n: 1 }]);

    // A run with nothing new changes nothing.
    await run(incrementalPath());

    copyFileSync(incrementalPath(), fullRefreshPath());
    await run(fullRefreshPath(), true);

    const tables = await rows<{ table_schema: string; table_name: string }>(
      incrementalPath(),
      "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('staging', 'marts') AND table_type = 'BASE TABLE' ORDER BY 1, 2",
    );
    expect(tables.length).toBeGreaterThanOrEqual(18);
    const differences = await withWarehouse(incrementalPath(), async (warehouse) => {
      await warehouse.connection.run(`ATTACH '${fullRefreshPath()}' AS full_refresh (READ_ONLY)`);
      const found: Record<string, number> = {};
      for (const { table_schema: schema, table_name: table } of tables) {
        const relation = `"${schema}"."${table}"`;
        const [counts] = (
          await warehouse.connection.runAndReadAll(`SELECT
            (SELECT count(*) FROM (SELECT * FROM ${relation} EXCEPT ALL SELECT * FROM full_refresh.${relation})) AS only_incremental,
            (SELECT count(*) FROM (SELECT * FROM full_refresh.${relation} EXCEPT ALL SELECT * FROM ${relation})) AS only_full_refresh,
            (SELECT count(*) FROM ${relation}) AS total`)
        ).getRowObjectsJson() as Array<{ only_incremental: string; only_full_refresh: string; total: string }>;
        expect(Number(counts!.total), `${relation} is empty`).toBeGreaterThan(0);
        const different = Number(counts!.only_incremental) + Number(counts!.only_full_refresh);
        if (different > 0) found[`${schema}.${table}`] = different;
      }
      return found;
    });
    expect(differences).toEqual({});
  }, 300_000);
});

/**
 * Issue 15: traffic that never pauses (a crawler, a kiosk, a page that refreshes itself) must not
 * break the daily build. A source session with a view every 10 minutes for three days, beside the
 * REES46 sample, goes through `clickstream pipeline`: it finishes green, the session rule cuts the
 * always-on session at midnight into one session per date after its first two, and every event is
 * accounted for. Without the sample (the notice says so) the always-on session runs alone.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_HEADER } from "../../loaders/generate/generateDataset.js";
import { buildReport } from "../../report/buildReport.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";
import { REES46_SAMPLE_AVAILABLE, REES46_SAMPLE_FILE } from "../support/rees46Sample.js";
import { queryWarehouse } from "../support/queryWarehouse.js";
import { runCli, type CliResult } from "../support/runCli.js";

const ALWAYS_ON_SESSION = "always-on-kiosk";
const ALWAYS_ON_USER = 500000001;
/** 12:05 on Sep 30 to 11:55 on Oct 3: 432 views, 10 minutes apart, never a pause. */
const ALWAYS_ON_START = Date.UTC(2019, 8, 30, 12, 5);
const ALWAYS_ON_EVENTS = 3 * 24 * 6;

function alwaysOnLines(): string[] {
  return Array.from({ length: ALWAYS_ON_EVENTS }, (_, index) => {
    const time = new Date(ALWAYS_ON_START + index * 10 * 60_000).toISOString().slice(0, 19).replace("T", " ");
    return `${time} UTC,view,1005115,2053013555631882655,electronics.smartphone,apple,915.69,${ALWAYS_ON_USER},${ALWAYS_ON_SESSION}`;
  });
}

describe(`a three-day always-on session${REES46_SAMPLE_AVAILABLE ? " beside the REES46 sample" : " (alone: the REES46 sample is absent)"} through the whole pipeline`, () => {
  let dir: string;
  let warehousePath: string;
  let pipeline: CliResult;
  let sampleEvents = 0;

  const query = <T>(sql: string): Promise<T[]> => queryWarehouse<T>(warehousePath, sql);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "clickstream-always-on-"));
    warehousePath = join(dir, "warehouse.duckdb");
    const sampleLines = REES46_SAMPLE_AVAILABLE ? readFileSync(REES46_SAMPLE_FILE, "utf8").trimEnd().split("\n").slice(1) : [];
    sampleEvents = sampleLines.length;
    const input = join(dir, "always-on-and-sample.csv");
    writeFileSync(input, [CSV_HEADER, ...sampleLines, ...alwaysOnLines()].join("\n") + "\n");
    pipeline = await runCli(["pipeline", "--input", input, "--warehouse", warehousePath]);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finishes green, the recompute-window assertion and unit tests included", () => {
    expect(pipeline.stderr).toBe("");
    expect(pipeline.exitCode).toBe(0);
    expect(pipeline.stdout).toContain("sessions_within_recompute_window (assertion, 0 failing rows)");
    expect(pipeline.stdout).toContain("sessions_cover_staged_events (assertion, 0 failing rows)");
  });

  it("cuts the always-on session at midnight once it has run for two dates, one session per later date", async () => {
    // Hand-computed: Sep 30 from 12:05 (72 views) and Oct 1 (144) form the first session; Oct 2
    // (144) and Oct 3 until 11:55 (72) each start at a cut.
    expect(
      await query(`SELECT strftime(session_start, '%Y-%m-%d %H:%M') AS start, strftime(session_end, '%Y-%m-%d %H:%M') AS "end", events::INT AS events,
                          starts_at_day_cut, ends_at_day_cut
                   FROM marts.sessions WHERE user_id = ${ALWAYS_ON_USER} ORDER BY session_start`),
    ).toEqual([
      { start: "2019-09-30 12:05", end: "2019-10-01 23:55", events: 216, starts_at_day_cut: false, ends_at_day_cut: true },
      { start: "2019-10-02 00:05", end: "2019-10-02 23:55", events: 144, starts_at_day_cut: true, ends_at_day_cut: true },
      { start: "2019-10-03 00:05", end: "2019-10-03 11:55", events: 72, starts_at_day_cut: true, ends_at_day_cut: false },
    ]);
  });

  it("accounts for every event: staged once, in exactly one session, and the cut ones counted by session_quality", async () => {
    expect(
      await query(`SELECT (SELECT count(*)::INT FROM staging.stg_events) AS staged,
                          (SELECT count(DISTINCT event_id)::INT FROM staging.int_session_events) AS sessionized,
                          (SELECT sum(events)::INT FROM marts.sessions) AS in_sessions,
                          (SELECT sum(day_cut_sessions)::INT FROM marts.session_quality) AS cut_sessions,
                          (SELECT sum(day_cut_events)::INT FROM marts.session_quality) AS cut_events`),
    ).toEqual([{ staged: sampleEvents + ALWAYS_ON_EVENTS, sessionized: sampleEvents + ALWAYS_ON_EVENTS, in_sessions: sampleEvents + ALWAYS_ON_EVENTS, cut_sessions: 3, cut_events: ALWAYS_ON_EVENTS }]);
  });

  it("shows the cut sessions in the report's data-quality panel", async () => {
    const { data } = await buildReport({ warehousePath, projectDir: REPOSITORY_ROOT, outPath: join(dir, "report.html") });
    expect(data.dataQuality).toMatchObject({ stagedEvents: sampleEvents + ALWAYS_ON_EVENTS, eventsInSessions: sampleEvents + ALWAYS_ON_EVENTS, dayCutSessions: 3, dayCutEvents: ALWAYS_ON_EVENTS });
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("Every staged event is in one session");
  }, 60_000);
});

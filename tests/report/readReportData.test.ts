/**
 * The data the report embeds, read by the real queries from marts that the real models built out
 * of hand-made events (support/reportFixture.ts), against figures worked out by hand; and the
 * errors when the warehouse is not ready for a report.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRawTablesSql } from "../../loaders/rawTables.js";
import { buildReport, type BuildReportResult } from "../../report/buildReport.js";
import { EmptyWarehouseError, MissingReportTablesError, WarehouseNotFoundError } from "../../report/errors.js";
import type { ReportData } from "../../report/reportData.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";
import { runCli } from "../support/runCli.js";
import { loadReportFixture, runModels } from "./support/reportFixture.js";

let dir: string;
let fixture: string;
let unrun: string;
let empty: string;
let built: BuildReportResult;
let data: ReportData;

const build = (warehousePath: string, outPath = join(dir, "report.html")) => buildReport({ warehousePath, projectDir: REPOSITORY_ROOT, outPath });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clickstream-report-data-"));
  fixture = await loadReportFixture(dir);
  unrun = await loadReportFixture(dir, "unrun");
  empty = join(dir, "empty.duckdb");
  const warehouse = await DuckdbWarehouse.open(empty);
  await warehouse.connection.run(createRawTablesSql());
  warehouse.close();
  await Promise.all([runModels(fixture), runModels(empty)]);
  built = await build(fixture);
  data = built.data;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the data the report embeds", () => {
  it("compares the newest day with the day before when there are three", () => {
    expect(data.dataRange).toEqual({ from: "2019-10-01", to: "2019-10-03", days: 3 });
    expect(data.kpis.current).toEqual({ from: "2019-10-03", to: "2019-10-03", days: 1 });
    expect(data.kpis.previous).toEqual({ from: "2019-10-02", to: "2019-10-02", days: 1 });
    expect(data.kpis.incompleteDays).toEqual([]);
    expect(Object.fromEntries(data.kpis.kpis.map((kpi) => [kpi.key, [kpi.current, kpi.previous, kpi.change]]))).toEqual({
      revenue: [100, 20, 4],
      orders: [1, 1, 0],
      average_order_value: [100, 20, 4],
      sessions: [1, 2, -0.5],
      conversion_rate: [1, 0.5, 0.5],
      cart_abandonment_rate: [0, 1, -1],
      daily_active_users: [1, 2, -0.5],
    });
  });

  it("counts distinct events per hour and type, zero-filled, and their shares", () => {
    expect(data.hourlyEvents).toHaveLength(59 * 4);
    expect(data.hourlyEvents.filter((row) => row.events > 0)).toEqual([
      { hour: "2019-10-01T10:00:00Z", eventType: "view", events: 1 },
      { hour: "2019-10-01T10:00:00Z", eventType: "cart", events: 1 },
      { hour: "2019-10-01T10:00:00Z", eventType: "purchase", events: 1 },
      { hour: "2019-10-01T11:00:00Z", eventType: "view", events: 1 },
      { hour: "2019-10-02T12:00:00Z", eventType: "view", events: 2 },
      { hour: "2019-10-02T12:00:00Z", eventType: "cart", events: 1 },
      { hour: "2019-10-02T12:00:00Z", eventType: "remove_from_cart", events: 1 },
      { hour: "2019-10-02T13:00:00Z", eventType: "purchase", events: 1 },
      { hour: "2019-10-03T20:00:00Z", eventType: "view", events: 1 },
      { hour: "2019-10-03T20:00:00Z", eventType: "cart", events: 1 },
      { hour: "2019-10-03T20:00:00Z", eventType: "purchase", events: 1 },
    ]);
    expect(data.eventTypeShares.map((share) => [share.eventType, share.events])).toEqual([["view", 5], ["cart", 3], ["remove_from_cart", 1], ["purchase", 3]]);
  });

  it("builds the funnel overall and per category and brand over session × product pairs", () => {
    const counts = Object.fromEntries(data.funnel.funnels.map((funnel) => [funnel.key, funnel.steps.map((step) => [step.pairs, step.dropped])]));
    expect(counts).toEqual({
      all: [[5, 0], [3, 2], [2, 1]],
      "category:electronics": [[3, 0], [2, 1], [2, 0]],
      "category:kids": [[2, 0], [1, 1], [0, 1]],
      "brand:apple": [[3, 0], [2, 1], [2, 0]],
      "brand:lego": [[2, 0], [1, 1], [0, 1]],
    });
    // From first view to purchase: 120 s (Tuesday) and 20 s (Thursday).
    expect([data.funnel.medianSecondsToPurchase, data.funnel.p90SecondsToPurchase]).toEqual([70, 110]);
  });

  it("recomputes conversion rates from the daily funnel marts' sums, and ranks products", () => {
    expect(data.conversion.overallViewToPurchaseRate).toBe(0.4);
    expect(data.conversion.categories).toEqual([
      { name: "electronics", viewPairs: 3, viewToCartRate: 2 / 3, cartToPurchaseRate: 1, viewToPurchaseRate: 2 / 3, revenue: 200 },
      // The toy bought without a view counts in revenue, not in view-to-purchase.
      { name: "kids", viewPairs: 2, viewToCartRate: 0.5, cartToPurchaseRate: 0, viewToPurchaseRate: 0, revenue: 20 },
    ]);
    expect(data.conversion.brands.map((brand) => brand.name)).toEqual(["apple", "lego"]);
    expect(data.conversion.productMinimumViews).toBe(1);
    expect(data.conversion.topProducts.map((product) => [product.productId, product.viewSessions, product.viewToPurchaseRate])).toEqual([["1001", 3, 2 / 3], ["2001", 2, 0]]);
    expect(data.conversion.bottomProducts.map((product) => product.productId)).toEqual(["2001", "1001"]);
  });

  it("places traffic and conversion by weekday and hour, and finds the peaks", () => {
    const tuesdayTen = data.traffic.heatmap.find((cell) => cell.weekdayName === "Tuesday" && cell.hour === 10);
    expect(tuesdayTen).toEqual({ weekday: 3, weekdayName: "Tuesday", hour: 10, events: 3, sessions: 1, conversionRate: 1 });
    expect(data.traffic.heatmap.find((cell) => cell.weekdayName === "Monday" && cell.hour === 10)).toMatchObject({ events: 0, conversionRate: null });
    expect(data.traffic.hours.filter((hour) => hour.isPeak).map((hour) => [hour.hour, hour.events])).toEqual([[10, 3], [12, 4], [20, 3]]);
    expect(data.traffic.dailyPeaks.map((peak) => [peak.date, peak.weekdayName, peak.peakHour])).toEqual([
      ["2019-10-01", "Tuesday", 10],
      ["2019-10-02", "Wednesday", 12],
      ["2019-10-03", "Thursday", 20],
    ]);
  });

  it("distributes sessions by duration and depth", () => {
    expect(data.sessions).toMatchObject({ sessions: 5, bounceRate: 0.4, medianDurationSeconds: 20, medianEvents: 3 });
    const used = (bins: ReportData["sessions"]["durationBins"]) => bins.filter((bin) => bin.sessions > 0).map((bin) => [bin.label, bin.sessions]);
    expect(used(data.sessions.durationBins)).toEqual([["0 s", 2], ["10–30 s", 1], ["2–5 min", 1], ["5–10 min", 1]]);
    expect(used(data.sessions.depthBins)).toEqual([["1", 2], ["3", 2], ["4", 1]]);
    expect(data.sessions.quality.map((item) => item.share)).toEqual([0, 0, 0, 0, 0]);
  });

  it("lists journeys by frequency with their conversion", () => {
    expect(data.journeys.pathCount).toBe(4);
    expect(data.journeys.paths.map((path) => [path.path.join(">"), path.sessions, path.conversionRate])).toEqual([
      ["view>cart>purchase", 2, 1],
      ["purchase", 1, 1],
      ["view", 1, 0],
      ["view>cart>remove_from_cart", 1, 0],
    ]);
  });

  it("accounts for every line, lists rejections with reasons, assertion results and freshness", () => {
    const { assertions, newestLoadAt, martsLoadedThrough, ...accounting } = data.dataQuality;
    expect(accounting).toEqual({
      files: 1,
      lines: 15,
      loadedRows: 14,
      quarantinedRows: 1,
      rawRows: 14,
      stagedEvents: 12,
      duplicateCopies: 1,
      rejectedInStaging: 1,
      rejections: [
        { stage: "load", reason: 'event_time: "2019-13-45 20:00:20 UTC" is not a UTC time like 2019-10-01 00:00:00 UTC', rows: 1 },
        { stage: "staging", reason: "negative price", rows: 1 },
      ],
      sessions: 5,
      eventsInSessions: 12,
      dayCutSessions: 0,
      dayCutEvents: 0,
      newestEventAt: "2019-10-03T20:00:20Z",
    });
    expect(assertions!.length).toBeGreaterThan(30);
    expect(assertions!.filter((assertion) => assertion.failingRows > 0)).toEqual([]);
    expect(assertions!.map((assertion) => assertion.name)).toContain("staging_reconciles_with_raw");
    expect(newestLoadAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(martsLoadedThrough).toBe(newestLoadAt);
  });

  it("counts an assertion's rows as its failures", async () => {
    const warehouse = await DuckdbWarehouse.open(fixture);
    await warehouse.connection.run("CREATE VIEW assertions.always_failing AS SELECT 1 AS x UNION ALL SELECT 2");
    warehouse.close();
    const { data: withFailure } = await build(fixture, join(dir, "failing.html"));
    expect(withFailure.dataQuality.assertions!.filter((assertion) => assertion.failingRows > 0)).toEqual([{ name: "always_failing", failingRows: 2 }]);
  });
});

describe("the HTML file", () => {
  it("is one self-contained page: every section, inline SVG charts, no outside resource", () => {
    const page = readFileSync(built.path, "utf8");
    for (const id of ["kpis", "activity", "funnel", "conversion", "traffic", "sessions", "journeys", "data-quality"]) expect(page).toContain(`<section id="${id}"`);
    expect(page.match(/<figure class="card chart/g)).toHaveLength(built.charts);
    expect(page.match(/<svg /g)).toHaveLength(built.charts);
    expect(page).not.toMatch(/<(script|img|iframe|link)[^>]+(src|href)=/i);
    expect(page).not.toMatch(/url\(\s*["']?https?:/i);
    expect(page).toContain("event_time: &quot;2019-13-45 20:00:20 UTC&quot; is not a UTC time");
  });
});

describe("a warehouse not ready for a report", () => {
  it("names the missing marts and the command that builds them", async () => {
    const error = await build(unrun).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingReportTablesError);
    expect((error as MissingReportTablesError).missing).toContain("marts.daily_kpis");
    expect((error as Error).message).toMatch(/lacks what the report reads: .*staging\.stg_events.*Build the marts with `npx clickstream run`/);
  });

  it("says when the marts hold nothing yet, and when there is no warehouse at all", async () => {
    await expect(build(empty)).rejects.toThrow(EmptyWarehouseError);
    await expect(build(empty)).rejects.toThrow(/hold no events yet. Load data with `npx clickstream load FILES`/);
    await expect(build(join(dir, "nothing.duckdb"))).rejects.toThrow(WarehouseNotFoundError);
  });

  it("makes `clickstream report` exit 1 with the message, and --json say so", async () => {
    const human = await runCli(["report", "--warehouse", unrun]);
    expect(human.exitCode).toBe(1);
    expect(human.stderr).toMatch(/^Error: The warehouse .*unrun\.duckdb lacks what the report reads: marts\.daily_kpis/);
    const json = await runCli(["report", "--warehouse", unrun, "--json"]);
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "failed" });
  });
});

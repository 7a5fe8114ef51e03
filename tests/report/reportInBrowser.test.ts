/**
 * The dashboard as a person sees it: `clickstream report` on generated traffic, opened in headless
 * Chromium (Debian's package, installed by the set-up when absent). No console error, no network
 * request, every chart drawn and not empty, the funnel picker and table sorting work. A screenshot
 * is left at target/report/screenshot.png for review.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";
import { runCli } from "../support/runCli.js";
import { ensureChromium, type ChromiumAvailability } from "./support/ensureChromium.js";
import { runModels } from "./support/reportFixture.js";

const SCREENSHOT = join(REPOSITORY_ROOT, "target/report/screenshot.png");

// Chromium's background services would try the network, which is closed here; they are turned off.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let chromiumStatus: ChromiumAvailability;
let dir: string;
let reportPath: string;
let reportJson: { status: string; report: string; charts: number };
let browser: Browser | undefined;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  chromiumStatus = ensureChromium();
  if (!chromiumStatus.available) {
    console.warn(`\n*** The browser test of the report is SKIPPED: ${chromiumStatus.reason} ***\n`);
    return;
  }
  if (chromiumStatus.installedInMs !== null) console.info(`Installed chromium with apt-get in ${Math.round(chromiumStatus.installedInMs / 1000)} s.`);
  dir = mkdtempSync(join(tmpdir(), "clickstream-report-browser-"));
  const data = join(dir, "data");
  const warehouse = join(dir, "warehouse.duckdb");
  reportPath = join(dir, "report", "index.html");
  expect((await runCli(["generate", "--events", "20000", "--days", "7", "--out", data, "--quiet"])).exitCode).toBe(0);
  expect((await runCli(["load", data, "--warehouse", warehouse, "--quiet"])).exitCode).toBe(0);
  await runModels(warehouse);
  const report = await runCli(["report", "--warehouse", warehouse, "--json"]);
  // With --json the log moves to stderr: it must hold that log and nothing else (no library warning).
  expect(report.stderr).toMatch(/^Wrote .+ \(\d+ charts, \d+ kB\) in [\d.]+m?s\.\nOpen it in a browser: file:\/\/\S+\n$/);
  expect(report.exitCode).toBe(0);
  reportJson = JSON.parse(report.stdout);

  browser = await chromium.launch({ executablePath: chromiumStatus.path, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) problems.push(`network request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(reportPath).href, { waitUntil: "load" });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface ChartCheck {
  id: string;
  width: number;
  height: number;
  marks: number;
}

/** Each visible chart's drawn size and how many mark shapes it has. */
async function visibleCharts(target: Page): Promise<ChartCheck[]> {
  return target.$$eval("figure.chart:not([hidden])", (figures) =>
    figures.map((figure) => {
      const svg = figure.querySelector(".chart-body svg");
      const box = svg?.getBoundingClientRect();
      const marks = Array.from(figure.querySelectorAll("g.role-mark path, g.role-mark text")).filter(
        (shape) => (shape.getAttribute("d") ?? shape.textContent ?? "").trim() !== "",
      ).length;
      return { id: figure.id, width: box?.width ?? 0, height: box?.height ?? 0, marks };
    }),
  );
}

describe("the report in Chromium", () => {
  it("opens without a console error or a network request, and every chart is drawn with marks", async ({ skip }) => {
    if (!chromiumStatus.available) skip(chromiumStatus.reason);
    expect(reportJson).toMatchObject({ status: "successful", report: reportPath });
    const charts = await visibleCharts(page);
    // All charts but the funnels of single categories and brands, which wait behind the picker.
    expect(charts.length).toBeGreaterThanOrEqual(10);
    for (const chart of charts) {
      expect(chart.width, chart.id).toBeGreaterThan(150);
      expect(chart.height, chart.id).toBeGreaterThan(100);
      expect(chart.marks, chart.id).toBeGreaterThan(2);
    }
    expect(await page.locator("h2").allTextContents()).toEqual(["Headline", "Activity by hour", "Funnel", "Conversion", "When shoppers come", "Sessions", "Journeys", "Data quality"]);
    expect(await page.locator(".kpi-value").count()).toBe(7);
    expect(await page.locator("#data-assertions .status").textContent()).toMatch(/^All \d+ assertions pass\.$/);
    mkdirSync(join(REPOSITORY_ROOT, "target/report"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
  });

  it("shows the funnel of each category and brand the picker offers", async ({ skip }) => {
    if (!chromiumStatus.available) skip(chromiumStatus.reason);
    const options = await page.locator("#funnel-choice option").evaluateAll((items) => items.map((item) => (item as HTMLOptionElement).value));
    expect(options[0]).toBe("all");
    expect(options.some((value) => value.startsWith("category:"))).toBe(true);
    expect(options.some((value) => value.startsWith("brand:"))).toBe(true);
    for (const value of options) {
      await page.selectOption("#funnel-choice", value);
      const shown = await page.locator("[data-funnel]:not([hidden])").evaluateAll((figures) => figures.map((figure) => figure.getAttribute("data-funnel")));
      expect(shown).toEqual([value]);
      const funnel = (await visibleCharts(page)).find((chart) => chart.id.startsWith("chart-funnel-"))!;
      expect(funnel.width, value).toBeGreaterThan(150);
      expect(funnel.marks, value).toBeGreaterThan(2);
    }
    expect(problems).toEqual([]);
  });

  it("sorts a table by the column clicked, and shows a chart mark's description on hover", async ({ skip }) => {
    if (!chromiumStatus.available) skip(chromiumStatus.reason);
    const column = (index: number) =>
      page.locator("#table-brand-conversion tbody tr").evaluateAll((rows, cell) => rows.map((row) => Number((row as HTMLTableRowElement).cells[cell]!.getAttribute("data-value"))), index);
    await page.locator("#table-brand-conversion th button", { hasText: "View → buy" }).click();
    const descending = await column(4);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await page.locator("#table-brand-conversion th button", { hasText: "View → buy" }).click();
    const ascending = await column(4);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await page.locator("#chart-peak-hours g.role-mark path").first().hover();
    await expect.poll(() => page.locator("#chart-tooltip").textContent()).toMatch(/^00:00–01:00: [\d.]+% of events/);
    expect(problems).toEqual([]);
  });
});

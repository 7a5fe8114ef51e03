/**
 * The docs site as an analyst sees it: `clickstream docs` on a warehouse built from generated
 * traffic, opened in headless Chromium (set up like the report's browser test). Every action of the
 * compiled graph has its page, each page's lineage is exactly the compiled dependencies (both ways),
 * the graph's nodes lead to their actions, the search finds actions by name and by column, row
 * counts are the warehouse's, and there is no console error or network request. A screenshot is left
 * at target/docs/screenshot.png for review.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileProject } from "../../runner/compile/compileProject.js";
import type { CompiledGraph, Target } from "../../runner/graph/compiledGraph.js";
import { readableName } from "../../runner/graph/targets.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { ensureChromium, type ChromiumAvailability } from "../report/support/ensureChromium.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";
import { runCli } from "../support/runCli.js";

const SCREENSHOT = join(REPOSITORY_ROOT, "target/docs/screenshot.png");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let chromiumStatus: ChromiumAvailability;
let dir: string;
let warehousePath: string;
let graph: CompiledGraph;
let browser: Browser | undefined;
let page: Page;
const problems: string[] = [];

/** The compiled graph's actions and their dependencies, computed here from Dataform's JSON. */
function expectedLineage(compiled: CompiledGraph): Map<string, { upstream: Set<string>; downstream: Set<string> }> {
  const actions = [...(compiled.declarations ?? []), ...(compiled.tables ?? []), ...(compiled.operations ?? []), ...(compiled.assertions ?? [])];
  const lineage = new Map(actions.map((action) => [readableName(action.target), { upstream: new Set<string>(), downstream: new Set<string>() }]));
  for (const action of actions) {
    for (const dependency of (action as { dependencyTargets?: Target[] }).dependencyTargets ?? []) {
      const from = readableName(dependency);
      const to = readableName(action.target);
      lineage.get(to)!.upstream.add(from);
      lineage.get(from)!.downstream.add(to);
    }
  }
  return lineage;
}

beforeAll(async () => {
  chromiumStatus = ensureChromium();
  if (!chromiumStatus.available) {
    console.warn(`\n*** The browser test of the docs site is SKIPPED: ${chromiumStatus.reason} ***\n`);
    return;
  }
  dir = mkdtempSync(join(tmpdir(), "clickstream-docs-browser-"));
  const data = join(dir, "data");
  warehousePath = join(dir, "warehouse.duckdb");
  const common = ["--warehouse", warehousePath, "--memory-limit", "1GB"];
  expect((await runCli(["generate", "--events", "3000", "--days", "3", "--out", data, "--quiet"])).exitCode).toBe(0);
  expect((await runCli(["load", data, ...common, "--quiet"])).exitCode).toBe(0);
  const run = await runCli(["run", "--skip-check", ...common, "--quiet"]);
  expect(run.exitCode, run.stderr).toBe(0);
  const docs = await runCli(["docs", ...common, "--json"]);
  expect(docs.exitCode, docs.stderr).toBe(0);
  const result = JSON.parse(docs.stdout) as { status: string; docs: string; warnings: string[] };
  expect(result).toMatchObject({ status: "successful", docs: join(dir, "docs", "index.html"), warnings: [] });
  graph = await compileProject({ projectDir: REPOSITORY_ROOT });

  browser = await chromium.launch({ executablePath: chromiumStatus.path, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) problems.push(`network request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(result.docs).href, { waitUntil: "load" });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const visiblePage = (target: Page) => target.locator("section.page:not([hidden])").getAttribute("data-action");

describe("the docs site in Chromium", () => {
  it("lists every action of the compiled graph, each with its page, and shows each page alone", async ({ skip }) => {
    if (!chromiumStatus.available) skip(chromiumStatus.reason);
    const expected = [...expectedLineage(graph).keys()].sort();
    expect(expected.length).toBeGreaterThan(50);
    const listed = await page.locator("#action-list li").evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.action!));
    expect(listed.sort()).toEqual(expected);
    const pages = await page.locator("section.page.action").evaluateAll((sections) => sections.map((section) => (section as HTMLElement).dataset.action!));
    expect(pages.sort()).toEqual(expected);
    expect(await page.locator("section.page:not([hidden])").getAttribute("id")).toBe("overview");
    for (const name of [expected[0]!, expected[expected.length - 1]!]) {
      await page.locator(`#action-list li[data-action="${name}"] a`).click();
      expect(await visiblePage(page)).toBe(name);
      expect(await page.locator("section.page:not([hidden])").count()).toBe(1);
    }
    expect(problems).toEqual([]);
  });

  it("draws each action's lineage as exactly its compiled dependencies and dependents", async ({ skip }) => {
    if (!chromiumStatus.available) skip(chromiumStatus.reason);
    const drawn = await page.locator("section.page.action").evaluateAll((sections) =>
      sections.map((section) => {
        const nodes = (role: string) => Array.from(section.querySelectorAll(`svg.lineage [data-role="${role}"]`)).map((node) => node.getAttribute("data-lineage-node")!);
        const edges = Array.from(section.querySelectorAll("svg.lineage path.edge")).map((edge) => `${edge.getAttribute("data-from")} -> ${edge.getAttribute("data-to")}`);
        return { name: (section as HTMLElement).dataset.action!, upstream: nodes("upstream"), downstream: nodes("downstream"), self: nodes("self"), edges };
      }),
    );
    const expected = expectedLineage(graph);
    let edges = 0;
    for (const action of drawn) {
      const lineage = expected.get(action.name)!;
      expect(action.self, action.name).toEqual([action.name]);
      expect(new Set(action.upstream), action.name).toEqual(lineage.upstream);
      expect(new Set(action.downstream), action.name).toEqual(lineage.downstream);
      expect(new Set(action.edges), action.name).toEqual(
        new Set([...[...lineage.upstream].map((from) => `${from} -> ${action.name}`), ...[...lineage.downstream].map((to) => `${action.name} -> ${to}`)]),
      );
      edges += action.upstream.length;
    }
    expect(edges).toBeGreaterThan(60);
  });

  it("leads from a node of the lineage graph to its action, upstream and downstream", async ({ skip }) => {
    if (!chromiumStatus.available) skip(chromiumStatus.reason);
    const model = "clickstream-dev.marts.event_type_by_hour";
    await page.goto(`${page.url().split("#")[0]}#/${model}`);
    expect(await visiblePage(page)).toBe(model);
    const upstream = page.locator(`section.page:not([hidden]) svg.lineage a[data-role="upstream"]`).first();
    const target = await upstream.getAttribute("data-lineage-node");
    await upstream.click();
    expect(await visiblePage(page)).toBe(target);
    const back = page.locator(`section.page:not([hidden]) svg.lineage a[data-role="downstream"][data-lineage-node="${model}"]`);
    await back.click();
    expect(await visiblePage(page)).toBe(model);
    expect(problems).toEqual([]);
  });

  it("shows a built table's row count, freshness, columns with their docs, source, SQL, assertions and unit tests", async ({ skip }) => {
    if (!chromiumStatus.available) skip(chromiumStatus.reason);
    const warehouse = await DuckdbWarehouse.open(warehousePath, { readOnly: true });
    const [truth] = await warehouse
      .query<{ rows: bigint; newest: string }>(`SELECT count(*) AS rows, CAST(max(loaded_through) AS VARCHAR) AS newest FROM marts.event_type_by_hour`)
      .finally(() => warehouse.close());
    await page.goto(`${page.url().split("#")[0]}#/clickstream-dev.marts.event_type_by_hour`);
    const section = page.locator("section.page:not([hidden])");
    expect(await section.locator(".row-count").textContent()).toBe(Number(truth!.rows).toLocaleString("en"));
    expect(await section.locator(".facts").textContent()).toContain(truth!.newest);
    const columns = await section.locator("table.columns tbody tr").evaluateAll((rows) => rows.map((row) => (row as HTMLTableRowElement).cells[0]!.textContent));
    expect(columns).toEqual(["event_date", "event_hour", "event_type", "event_count", "loaded_through"]);
    expect(await section.locator("table.columns").textContent()).toContain("Distinct events of that type in that hour.");
    expect(await section.locator("pre.source").textContent()).toContain('FROM ${ref("stg_events")}');
    expect(await section.locator("details.compiled").first().textContent()).toContain("`clickstream-dev.staging.stg_events`");
    expect(await section.locator("ul.assertions li").count()).toBeGreaterThanOrEqual(3);
    expect(await section.locator("ul.assertions").textContent()).not.toContain("not evaluated");
    expect(await section.locator("ul.unit-tests").textContent()).toMatch(/event_type_by_hour_counts_events_per_hour_and_type .* passed/);
    mkdirSync(join(REPOSITORY_ROOT, "target/docs"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
  });

  it("searches by action name and by column", async ({ skip }) => {
    if (!chromiumStatus.available) skip(chromiumStatus.reason);
    const shown = () => page.locator("#action-list li:not([hidden])").evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.action!));
    await page.fill("#search", "traffic_heat");
    expect((await shown()).every((name) => name.includes("traffic_heat"))).toBe(true);
    expect(await shown()).toContain("clickstream-dev.marts.traffic_heatmap");
    // By column: exactly the relations that have the column (the warehouse's own catalogue says which).
    const warehouse = await DuckdbWarehouse.open(warehousePath, { readOnly: true });
    const having = await warehouse
      .query<{ name: string }>("SELECT table_schema || '.' || table_name AS name FROM information_schema.columns WHERE column_name = 'first_loaded_at'")
      .finally(() => warehouse.close());
    expect(having.length).toBeGreaterThan(0);
    await page.fill("#search", "first_loaded_at");
    expect((await shown()).sort()).toEqual(having.map((row) => `clickstream-dev.${row.name}`).sort());
    expect(await page.locator("#search-count").textContent()).toMatch(new RegExp(`^${having.length} of \\d+ actions match$`));
    await page.fill("#search", "");
    expect(problems).toEqual([]);
  });
});

/**
 * The compile and check caches: an unchanged project reuses its compiled graph and its accepted
 * verdicts; any change to what they read (a model, the vars) does the work again, and a refusal is
 * never reused.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheDir } from "../../runner/cache/keyedJsonCache.js";
import { compileProject } from "../../runner/compile/compileProject.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";
import { runCli } from "../support/runCli.js";

let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "clickstream-cache-"));
  for (const entry of ["dataform.json", "package.json", "definitions", "includes"]) cpSync(join(REPOSITORY_ROOT, entry), join(project, entry), { recursive: true });
  cpSync(join(REPOSITORY_ROOT, "node_modules/@dataform/core"), join(project, "node_modules/@dataform/core"), { recursive: true });
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Marks every cached graph, so that a compile returning the mark came from the cache. */
function markCachedGraphs(): void {
  const dir = cacheDir(project, "compile");
  for (const name of readdirSync(dir)) {
    const graph = JSON.parse(readFileSync(join(dir, name), "utf8"));
    writeFileSync(join(dir, name), JSON.stringify({ ...graph, markedInCache: true }));
  }
}

const fromCache = (graph: object) => "markedInCache" in graph;

describe("compile cache", () => {
  it("reuses the graph of an unchanged project; a changed file, other vars or cache: false compile again", async () => {
    const first = await compileProject({ projectDir: project });
    expect(fromCache(first)).toBe(false);
    markCachedGraphs();
    expect(fromCache(await compileProject({ projectDir: project }))).toBe(true);
    expect(fromCache(await compileProject({ projectDir: project }, { cache: false }))).toBe(false);
    expect(fromCache(await compileProject({ projectDir: project, vars: { session_timeout_minutes: "45" } }))).toBe(false);

    appendFileSync(join(project, "includes/constants.js"), "\n// edited\n");
    const edited = await compileProject({ projectDir: project });
    expect(fromCache(edited)).toBe(false);
    expect(edited.tables?.length).toBe(first.tables?.length);
  }, 60_000);
});

describe("check cache", () => {
  const check = () => runCli(["check", "--project-dir", project, "--warehouse", ":memory:", "--actions", "marts.daily_kpis"]);
  const model = () => join(project, "definitions/marts/daily_kpis.sqlx");

  it("reuses accepted verdicts until a statement changes, and never reuses a refusal", async () => {
    const first = await check();
    expect(first.exitCode).toBe(0);
    expect(first.stdout).not.toMatch(/unchanged since/);
    const again = await check();
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/statements of 1 actions in .* \(unchanged since they were last accepted\): \d+ accepted, 0 refused/);

    const original = readFileSync(model(), "utf8");
    // DuckDB has list_sum; BigQuery does not.
    writeFileSync(model(), original.replace(/\nFROM /, ",\n  list_sum([1, 2]) AS not_bigquery\nFROM "));
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await check();
      expect(refused.exitCode).toBe(1);
      expect(refused.stdout).toMatch(/daily_kpis\.sqlx:\d+:\d+: .*list_sum/);
    }
    writeFileSync(model(), original);
    expect((await check()).stdout).toMatch(/unchanged since they were last accepted/);
  }, 120_000);
});

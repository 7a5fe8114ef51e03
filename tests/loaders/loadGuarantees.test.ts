/**
 * The loader's guarantees, each against the real executable where processes matter:
 * lossless accounting, idempotent reloads, atomic --replace, crash safety under SIGKILL, and
 * concurrent loads that never corrupt the warehouse.
 */
import { spawn } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDataset } from "../../loaders/generate/generateDataset.js";
import { ChangedFileError } from "../../loaders/errors.js";
import { openLoadHarness } from "../support/loadHarness.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";
import { runCli } from "../support/runCli.js";

let dir: string;
let dayFiles: string[];
let bigFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clickstream-guarantees-"));
  dayFiles = (await generateDataset({ events: 30_000, days: 3, start: "2019-10-01", seed: 7, outDir: join(dir, "days"), split: "day", gzip: false })).map(
    (file) => file.path,
  );
  bigFile = (await generateDataset({ events: 1_500_000, days: 2, start: "2019-11-01", seed: 8, outDir: join(dir, "big"), split: "none", gzip: false }))[0]!.path;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Totals {
  events: number;
  rejected: number;
  manifest: number;
  distinctLines: number;
}

async function totals(warehousePath: string): Promise<Totals> {
  const harness = await openLoadHarness(warehousePath);
  try {
    const [row] = await harness.rows<Record<keyof Totals, string>>(`SELECT
      (SELECT count(*) FROM raw.events) AS events,
      (SELECT count(*) FROM raw.events_rejected) AS rejected,
      (SELECT count(*) FROM raw.load_manifest) AS manifest,
      (SELECT count(DISTINCT (_source_file, _source_line)) FROM raw.events) AS distinctLines`);
    return { events: Number(row!.events), rejected: Number(row!.rejected), manifest: Number(row!.manifest), distinctLines: Number(row!.distinctLines) };
  } finally {
    harness.close();
  }
}

describe("lossless and idempotent", () => {
  it("every line of every file is loaded or quarantined, and the manifest reconciles", async () => {
    const broken = join(dir, "broken.csv");
    const lines = readFileSync(dayFiles[0]!, "utf8").trimEnd().split("\n");
    // Damage a few lines in different ways.
    lines[10] = lines[10]!.replace(/,(\d+\.\d\d),/, ",$1x,");
    lines[20] = lines[20]!.split(",").slice(0, 5).join(",");
    lines[30] = "";
    writeFileSync(broken, `${lines.join("\n")}\n`);
    const harness = await openLoadHarness();
    try {
      const result = await harness.load(broken);
      expect(result).toMatchObject({ lines: lines.length - 1, rejected: 3 });
      expect(result.loaded + result.rejected).toBe(result.lines);
      const [check] = await harness.rows<{ ok: boolean }>(`SELECT bool_and(lines = loaded_rows + rejected_rows) AS ok FROM raw.load_manifest`);
      expect(check!.ok).toBe(true);
      expect((await harness.rows("SELECT _source_line::INT AS line FROM raw.events_rejected ORDER BY 1")).map((r) => (r as { line: number }).line)).toEqual([11, 21, 31]);
    } finally {
      harness.close();
    }
  });

  it("numbers the lines of a file DuckDB reads in parallel: each row carries its own line", async () => {
    // 1.5 M lines span many of the reader's buffers, which both threads parse at once; a refused
    // line early and a bad value late shift the numbering of everything after them.
    const damaged = join(dir, "damaged-big.csv");
    const lines = readFileSync(bigFile, "utf8").split("\n");
    lines[100] = lines[100]!.split(",").slice(0, 5).join(",");
    lines[1_000_000] = lines[1_000_000]!.replace(/,(\d+\.\d\d),/, ",$1x,");
    writeFileSync(damaged, lines.join("\n"));
    const harness = await openLoadHarness();
    try {
      const result = await harness.load(damaged);
      expect(result).toMatchObject({ rejected: 2, loaded: result.lines - 2 });
      expect((await harness.rows<{ line: number }>("SELECT _source_line::INT AS line FROM raw.events_rejected ORDER BY 1")).map((r) => r.line)).toEqual([
        101, 1_000_001,
      ]);
      // The undamaged file, numbered by DuckDB's ordered reader, is the reference for each line.
      const [check] = await harness.rows<{ rows: number; misplaced: number }>(`
        SELECT count(*)::INT AS rows,
               count(*) FILTER (WHERE f.user_session IS DISTINCT FROM e.user_session
                 OR f.product_id IS DISTINCT FROM e.product_id::VARCHAR
                 OR f.event_time IS DISTINCT FROM strftime(e.event_time, '%Y-%m-%d %H:%M:%S UTC'))::INT AS misplaced
        FROM raw.events AS e
        LEFT JOIN (SELECT ordinality + 1 AS line, * FROM read_csv('${bigFile}', header = true, all_varchar = true) WITH ORDINALITY) AS f
          ON f.line = e._source_line`);
      expect(check).toEqual({ rows: result.loaded, misplaced: 0 });
    } finally {
      harness.close();
    }
  });

  it("loading the same files twice changes nothing; the same content under another name is skipped", async () => {
    const harness = await openLoadHarness();
    try {
      for (const file of dayFiles) await harness.load(file);
      const before = await harness.rows("SELECT count(*)::INT AS n FROM raw.events");
      const again = await Promise.all(dayFiles.map(async (file) => (await harness.load(file)).status));
      expect(again).toEqual(["skipped", "skipped", "skipped"]);
      const renamed = join(dir, "renamed.csv");
      copyFileSync(dayFiles[0]!, renamed);
      expect(await harness.load(renamed)).toMatchObject({ status: "skipped", note: expect.stringContaining("already loaded by") });
      expect(await harness.rows("SELECT count(*)::INT AS n FROM raw.events")).toEqual(before);
    } finally {
      harness.close();
    }
  });

  it("a changed file needs --replace, which swaps its rows in one transaction", async () => {
    const harness = await openLoadHarness();
    const file = join(dir, "changing.csv");
    try {
      copyFileSync(dayFiles[1]!, file);
      const first = await harness.load(file);
      appendFileSync(file, readFileSync(dayFiles[2]!, "utf8").split("\n").slice(1, 101).join("\n") + "\n");
      await expect(harness.load(file)).rejects.toThrow(ChangedFileError);
      const replaced = await harness.load(file, { replace: "always" });
      expect(replaced).toMatchObject({ status: "replaced", loaded: first.loaded + 100 });
      expect(await harness.rows("SELECT count(*)::INT AS n, count(DISTINCT _load_id)::INT AS loads FROM raw.events")).toEqual([
        { n: first.loaded + 100, loads: 1 },
      ]);
      expect(await harness.rows("SELECT count(*)::INT AS n FROM raw.load_manifest")).toEqual([{ n: 1 }]);
    } finally {
      harness.close();
    }
  });
});

function startLoad(warehouse: string, file: string) {
  const child = spawn(process.execPath, [join(REPOSITORY_ROOT, "bin/clickstream.js"), "load", file, "--warehouse", warehouse, "--quiet"], {
    cwd: REPOSITORY_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exit, stderr: () => stderr };
}

describe("crash safety", () => {
  it("a load killed with SIGKILL at any point leaves no partial file, and the rerun gives the clean result", async () => {
    const clean = join(dir, "clean.duckdb");
    expect((await runCli(["load", bigFile, "--warehouse", clean, "--quiet"])).exitCode).toBe(0);
    const expected = await totals(clean);
    expect(expected.events).toBeGreaterThan(1_000_000);

    for (const delay of [300, 900, 1600, 2500]) {
      const warehouse = join(dir, `killed-${delay}.duckdb`);
      const load = startLoad(warehouse, bigFile);
      await new Promise((resolve) => setTimeout(resolve, delay));
      load.child.kill("SIGKILL");
      await load.exit;
      const afterKill = await totals(warehouse).catch(() => ({ events: 0, rejected: 0, manifest: 0, distinctLines: 0 }));
      // All or nothing: either the load committed entirely or nothing of it is visible.
      expect([0, expected.events], `killed after ${delay} ms`).toContain(afterKill.events);
      expect(afterKill.manifest).toBe(afterKill.events === 0 ? 0 : 1);
      expect((await runCli(["load", bigFile, "--warehouse", warehouse, "--quiet"])).exitCode).toBe(0);
      expect(await totals(warehouse)).toEqual(expected);
    }
  }, 240_000);
});

describe("concurrent loads", () => {
  it("two loads at once: each succeeds or fails with a clear message, and the warehouse stays consistent", async () => {
    const warehouse = join(dir, "concurrent.duckdb");
    const loads = [startLoad(warehouse, dayFiles[0]!), startLoad(warehouse, dayFiles[1]!)];
    const codes = await Promise.all(loads.map((load) => load.exit));
    codes.forEach((code, index) => {
      if (code !== 0) expect(loads[index]!.stderr()).toMatch(/is in use by another process.*Wait for it to finish/);
    });
    expect(codes).toContain(0);
    // Retrying the refused one completes the picture; nothing is duplicated.
    for (const file of dayFiles.slice(0, 2)) expect((await runCli(["load", file, "--warehouse", warehouse, "--quiet"])).exitCode).toBe(0);
    const after = await totals(warehouse);
    expect(after.manifest).toBe(2);
    expect(after.events).toBe(after.distinctLines);
  }, 60_000);
});

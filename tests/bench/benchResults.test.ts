import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { actionTimings, copyTablesSql, STAGE_LABELS, type PipelineMeasurements, type StageName } from "../../bench/benchPipeline.js";
import { renderMarkdown, replaceResultsSection, RESULTS_END_MARKER, RESULTS_START_MARKER, type BenchmarkResults } from "../../bench/renderResults.js";
import { median, summarise } from "../../bench/statistics.js";
import { evaluateTargets, memoryLimitBytes } from "../../bench/targets.js";

const GIB = 2 ** 30;

/** One sample per stage: `seconds` of each stage (1 s unless given) and 1 GiB of memory. */
function samples(seconds: Partial<Record<StageName, number>>, peakGiB: Partial<Record<StageName, number>> = {}): PipelineMeasurements["samples"] {
  return Object.fromEntries(
    (Object.keys(STAGE_LABELS) as StageName[]).map((stage) => [
      stage,
      { name: STAGE_LABELS[stage], ms: [(seconds[stage] ?? 1) * 1000], peakRssBytes: [(peakGiB[stage] ?? 1) * GIB] },
    ]),
  ) as PipelineMeasurements["samples"];
}

const agreeing = [{ figure: "sessions", models: 10, handwritten: 10 }];

describe("benchmark statistics", () => {
  it("takes the median of odd and even counts without reordering the input", () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("summarises repetitions as runs, min, median and the highest peak", () => {
    expect(summarise({ name: "load", ms: [30.4, 10.2, 20.6], peakRssBytes: [1, 3, 2] })).toEqual({
      name: "load",
      runs: 3,
      minMs: 10,
      medianMs: 21,
      peakRssBytes: 3,
    });
  });
});

describe("per-action timings", () => {
  it("takes each action's median over the runs it succeeded in, says how tables were written, slowest first", () => {
    const run = (storiesMs: number, status = "successful") => ({
      status: "successful",
      actions: [
        { name: "proj.marts.sessions", kind: "table", writeMode: "incremental", status: "successful", durationMs: 10 },
        { name: "proj.marts.stories", kind: "table", writeMode: "create", status, durationMs: storiesMs },
        { name: "proj.assertions.sessions_unique", kind: "assertion", status: "successful", durationMs: 1 },
      ],
    });
    expect(actionTimings([run(30), run(50), run(9_999, "failed")])).toEqual([
      { name: "marts.stories", write: "create", medianMs: 40 },
      { name: "marts.sessions", write: "incremental", medianMs: 10 },
      { name: "assertions.sessions_unique", write: "assertion", medianMs: 1 },
    ]);
  });
});

describe("benchmark targets", () => {
  it("meets every target when the ratios are within their limits", () => {
    const targets = evaluateTargets({
      samples: samples({ bareParse: 10, load: 20, fullRefresh: 80, handwritten: 50, writeKeptTables: 30, incremental: 8 }, { fullRefresh: 4 }),
      parity: agreeing,
      memoryLimit: "3GiB",
    });
    expect(targets.map((target) => [target.limit, target.met, target.informational ?? false])).toEqual([
      ["≤ 2×", true, false],
      ["none", true, true],
      ["none", true, true],
      ["≤ 10 %", true, false],
      ["≤ the limit + 1 GiB", true, false],
      ["all equal", true, false],
    ]);
    expect(targets[0]!.measured).toBe("2.00× (100.0 s vs 50.0 s)");
    expect(targets[1]!.measured).toBe("1.25× (100.0 s vs 50.0 s + 30.0 s)");
    expect(targets[2]!.measured).toBe("0.60× (30.0 s vs 50.0 s)");
    expect(targets[4]!.target).toContain("--memory-limit 3GiB");
  });

  it("misses the targets just past their limits and names the stage with the peak memory", () => {
    const targets = evaluateTargets({
      samples: samples({ bareParse: 10, load: 20.1, fullRefresh: 80, handwritten: 50, incremental: 8.1 }, { handwritten: 4.01 }),
      parity: [...agreeing, { figure: "hourly_events", models: 9, handwritten: 8 }],
      memoryLimit: "3GiB",
    });
    expect(targets.filter((target) => !target.informational).every((target) => !target.met)).toBe(true);
    expect(targets[4]!.measured).toBe(`4.01 GiB (${STAGE_LABELS.handwritten})`);
    expect(targets[5]!.measured).toBe("differ: hourly_events");
  });

  it("reads DuckDB memory limits in decimal and binary units", () => {
    expect(memoryLimitBytes("3GB")).toBe(3e9);
    expect(memoryLimitBytes("8GiB")).toBe(8 * GIB);
    expect(memoryLimitBytes("512 MB")).toBe(512e6);
    expect(() => memoryLimitBytes("lots")).toThrow(/Cannot read the memory limit "lots"/);
  });
});

describe("writing the kept tables", () => {
  it("copies every named table of the built warehouse into the database it runs on, and counts the rows", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "clickstream-copy-tables-"));
    try {
      const built = await DuckDBInstance.create(join(scratch, "built's.duckdb"));
      const builder = await built.connect();
      await builder.run("CREATE SCHEMA raw; CREATE SCHEMA marts; CREATE TABLE raw.events AS SELECT range AS id FROM range(5); CREATE TABLE marts.sessions AS SELECT 1 AS id");
      builder.closeSync();
      built.closeSync();
      const copy = await DuckDBInstance.create(join(scratch, "copy.duckdb"));
      const connection = await copy.connect();
      const reader = await connection.runAndReadAll(copyTablesSql(join(scratch, "built's.duckdb"), ["raw.events", "marts.sessions"]));
      expect(reader.getRowObjectsJson()).toEqual([{ "raw.events": "5", "marts.sessions": "1" }]);
      const tables = await connection.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE database_name = 'copy' ORDER BY table_name");
      expect(tables.getRows().flat()).toEqual(["copy_0", "copy_1"]);
      connection.closeSync();
      copy.closeSync();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("results as Markdown", () => {
  it("shows a figure given for scale as not a target, and the targets as met or not", () => {
    const targets = evaluateTargets({
      samples: samples({ load: 20, fullRefresh: 280, handwritten: 50, writeKeptTables: 30, incremental: 8 }),
      parity: agreeing,
      memoryLimit: "3GiB",
    });
    const results: BenchmarkResults = {
      at: "2026-11-30T08:00:00.000Z",
      machine: { cpu: "cpu", cores: 2, memoryGiB: 24, node: "v20", duckdb: "v1" },
      dataset: { dir: "data", baseFiles: ["a.csv"], baseRows: 10, baseBytes: 100, extraDayFile: "b.csv", extraDayRows: 1, extraDayBytes: 10 },
      repetitions: 1,
      memoryLimit: "3GiB",
      stages: [],
      targets,
      fullRefreshActions: [],
      incrementalActions: [],
      parity: agreeing,
      editLoop: [],
    };
    const rows = renderMarkdown(results).split("\n");
    expect(rows.find((row) => row.startsWith("| pipeline"))).toMatch(/\| 6\.00× \(300\.0 s vs 50\.0 s\) \| ≤ 2× \| \*\*no\*\* \|$/);
    expect(rows.find((row) => row.startsWith("| for scale"))).toMatch(/\| 3\.75× \(300\.0 s vs 50\.0 s \+ 30\.0 s\) \| none \| \(not a target\) \|$/);
  });
});

describe("BENCHMARKS.md results section", () => {
  const document = `# Benchmarks\n\nprose\n\n${RESULTS_START_MARKER}\nold figures\n${RESULTS_END_MARKER}\n\nanalysis\n`;

  it("replaces only the text between the markers", () => {
    expect(replaceResultsSection(document, "new figures\n", "BENCHMARKS.md")).toBe(
      `# Benchmarks\n\nprose\n\n${RESULTS_START_MARKER}\nnew figures\n${RESULTS_END_MARKER}\n\nanalysis\n`,
    );
  });

  it("refuses a document without the markers, naming it", () => {
    expect(() => replaceResultsSection("# Benchmarks\n", "new\n", "BENCHMARKS.md")).toThrow(/BENCHMARKS\.md lacks the <!-- bench:results:start -->/);
  });
});

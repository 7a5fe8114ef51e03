import { describe, expect, it } from "vitest";
import { actionTimings, STAGE_LABELS, type PipelineMeasurements, type StageName } from "../../bench/benchPipeline.js";
import { replaceResultsSection, RESULTS_END_MARKER, RESULTS_START_MARKER } from "../../bench/renderResults.js";
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
      samples: samples({ bareParse: 10, load: 20, fullRefresh: 80, handwritten: 50, incremental: 8 }, { fullRefresh: 4 }),
      parity: agreeing,
      memoryLimit: "3GiB",
    });
    expect(targets.map((target) => [target.limit, target.met])).toEqual([
      ["≤ 2×", true],
      ["≤ 10 %", true],
      ["≤ the limit + 1 GiB", true],
      ["all equal", true],
    ]);
    expect(targets[0]!.measured).toBe("2.00× (100.0 s vs 50.0 s)");
    expect(targets[2]!.target).toContain("--memory-limit 3GiB");
  });

  it("misses the targets just past their limits and names the stage with the peak memory", () => {
    const targets = evaluateTargets({
      samples: samples({ bareParse: 10, load: 20.1, fullRefresh: 80, handwritten: 50, incremental: 8.1 }, { handwritten: 4.01 }),
      parity: [...agreeing, { figure: "hourly_events", models: 9, handwritten: 8 }],
      memoryLimit: "3GiB",
    });
    expect(targets.every((target) => !target.met)).toBe(true);
    expect(targets[2]!.measured).toBe(`4.01 GiB (${STAGE_LABELS.handwritten})`);
    expect(targets[3]!.measured).toBe("differ: hourly_events");
  });

  it("reads DuckDB memory limits in decimal and binary units", () => {
    expect(memoryLimitBytes("3GB")).toBe(3e9);
    expect(memoryLimitBytes("8GiB")).toBe(8 * GIB);
    expect(memoryLimitBytes("512 MB")).toBe(512e6);
    expect(() => memoryLimitBytes("lots")).toThrow(/Cannot read the memory limit "lots"/);
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

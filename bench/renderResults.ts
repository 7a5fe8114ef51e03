/** The benchmark's results as Markdown: the figures BENCHMARKS.md shows. */
import type { BenchDataset } from "./benchDataset.js";
import type { ActionTiming, PipelineMeasurements } from "./benchPipeline.js";
import type { SampleSummary } from "./statistics.js";
import type { TargetResult } from "./targets.js";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  duckdb: string;
}

export interface BenchmarkResults {
  at: string;
  machine: Machine;
  dataset: BenchDataset;
  repetitions: number;
  /** The memory limit every stage ran under (`--memory-limit`). */
  memoryLimit: string;
  stages: Array<SampleSummary & { stage: string }>;
  targets: TargetResult[];
  fullRefreshActions: ActionTiming[];
  incrementalActions: ActionTiming[];
  parity: PipelineMeasurements["parity"];
  editLoop: SampleSummary[];
}

const MB = 1e6;
const GIB = 2 ** 30;

function throughput(stage: string, medianMs: number, dataset: BenchDataset): string {
  const perSecond = (amount: number) => amount / (medianMs / 1000);
  if (["bareParse", "scanDistinctSessions", "load", "handwritten"].includes(stage)) {
    return `${Math.round(perSecond(dataset.baseRows) / 1000).toLocaleString("en")} k rows/s, ${Math.round(perSecond(dataset.baseBytes) / MB)} MB/s`;
  }
  if (stage === "loadOneDay") return `${Math.round(perSecond(dataset.extraDayRows) / 1000).toLocaleString("en")} k rows/s`;
  return "";
}

function metCell(target: TargetResult): string {
  if (target.informational) return "(not a target)";
  return target.met ? "yes" : "**no**";
}

function actionTable(actions: ActionTiming[]): string[] {
  return ["| action | write | median |", "|---|---|---|", ...actions.map((action) => `| ${action.name} | ${action.write} | ${(action.medianMs / 1000).toFixed(2)} s |`)];
}

export function renderMarkdown(results: BenchmarkResults): string {
  const { machine, dataset } = results;
  const lines = [
    `Measured ${results.at.slice(0, 16).replace("T", " ")} UTC on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, DuckDB ${machine.duckdb}.`,
    `Data: ${dataset.baseRows.toLocaleString("en")} generated REES46-format events over ${dataset.baseFiles.length} daily files, ${(dataset.baseBytes / 1e9).toFixed(2)} GB of CSV; the appended day holds ${dataset.extraDayRows.toLocaleString("en")} events. ${results.repetitions} repetition(s) of each step; every step runs as its own process under a memory limit of ${results.memoryLimit} (--memory-limit: DuckDB's buffer pool gets 90 % of it).`,
    "",
    "### Targets",
    "",
    "| target | measured | limit | met |",
    "|---|---|---|---|",
    ...results.targets.map((target) => `| ${target.target} | ${target.measured} | ${target.limit} | ${metCell(target)} |`),
    "",
    "### Stages",
    "",
    "| stage | runs | min | median | peak RSS | throughput (median) |",
    "|---|---|---|---|---|---|",
    ...results.stages.map(
      (stage) =>
        `| ${stage.name} | ${stage.runs} | ${(stage.minMs / 1000).toFixed(1)} s | ${(stage.medianMs / 1000).toFixed(1)} s | ${(stage.peakRssBytes / GIB).toFixed(2)} GiB | ${throughput(stage.stage, stage.medianMs, dataset)} |`,
    ),
    "",
    "### Same figures from the models and from the floor",
    "",
    "| figure | models | floor |",
    "|---|---|---|",
    ...results.parity.map((check) => `| ${check.figure} | ${check.models.toLocaleString("en")} | ${check.handwritten.toLocaleString("en")} |`),
    "",
    "### Full refresh, per action (actions run concurrently, so their times overlap)",
    "",
    ...actionTable(results.fullRefreshActions),
    "",
    "### One-day incremental run, per action",
    "",
    ...actionTable(results.incrementalActions),
    "",
    "### Edit loop (runner fixture project)",
    "",
    "| measurement | runs | min | median |",
    "|---|---|---|---|",
    ...results.editLoop.map((sample) => `| ${sample.name} | ${sample.runs} | ${sample.minMs} ms | ${sample.medianMs} ms |`),
  ];
  return `${lines.join("\n")}\n`;
}

export const RESULTS_START_MARKER = "<!-- bench:results:start -->";
export const RESULTS_END_MARKER = "<!-- bench:results:end -->";

/** The document with the text between the results markers replaced by `markdown`. */
export function replaceResultsSection(document: string, markdown: string, documentName: string): string {
  const start = document.indexOf(RESULTS_START_MARKER);
  const end = document.indexOf(RESULTS_END_MARKER);
  if (start === -1 || end < start) {
    throw new Error(`${documentName} lacks the ${RESULTS_START_MARKER} … ${RESULTS_END_MARKER} markers around its results.`);
  }
  return `${document.slice(0, start + RESULTS_START_MARKER.length)}\n${markdown}${document.slice(end)}`;
}

/**
 * The pipeline's stages on the benchmark dataset, each measured as its own process, repeated, on
 * one warehouse file: the limit (DuckDB's bare parse), load, full refresh, assertions, writing the
 * tables the design keeps, a one-day incremental run, and the hand-written floor.
 */
import { copyFileSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BenchDataset } from "./benchDataset.js";
import { measureCli, measureDuckdbScript, ROOT, type CommandMeasurement } from "./measureCommand.js";
import { median, record, type Sample } from "./statistics.js";

/** includes/recompute.ts's MAX_SESSION_DAYS (that module needs Dataform's globals, so it cannot be imported here). */
const MAX_SESSION_DAYS = 2;

/**
 * The event- and session-grain tables the design keeps (ARCHITECTURE.md: lossless raw, stg_events,
 * sessions, fct_funnel_events; int_session_events lets the session models rebuild only the sessions
 * new data touches). The floor writes none of them; copying each once is the least any pipeline that
 * keeps them pays on top of the floor.
 */
export const KEPT_TABLES = ["raw.events", "staging.stg_events", "staging.int_session_events", "marts.fct_funnel_events", "marts.sessions"];

export interface ActionTiming {
  name: string;
  /** create or incremental for tables ("create or incremental" says more than "table" about cost); otherwise the action's kind. */
  write: string;
  medianMs: number;
}

export interface PipelineMeasurements {
  samples: Record<StageName, Sample>;
  fullRefreshActions: ActionTiming[];
  incrementalActions: ActionTiming[];
  parity: ParityCheck[];
  /** The memory limit every stage ran under (`--memory-limit`; DuckDB's buffer pool gets 90 % of it). */
  memoryLimit: string;
}

export type StageName =
  | "bareParse"
  | "scanDistinctSessions"
  | "load"
  | "fullRefresh"
  | "assertions"
  | "writeKeptTables"
  | "loadOneDay"
  | "incremental"
  | "incrementalAssertions"
  | "incrementalWithLookback"
  | "handwritten";

export const STAGE_LABELS: Record<StageName, string> = {
  bareParse: "bare parse: DuckDB count(*) over read_csv (the limit)",
  scanDistinctSessions: "scan + count(DISTINCT user_session)",
  load: "load (clickstream load, lossless, into raw)",
  fullRefresh: "full refresh of every model (run --full-refresh --disable-assertions)",
  assertions: "assertions (run --actions 'assertions.*')",
  writeKeptTables: `writing the tables the design keeps, once each with no computation: ${KEPT_TABLES.join(", ")} copied into an empty DuckDB file`,
  loadOneDay: "load one new day",
  incremental: "one-day incremental run of every model",
  incrementalAssertions: "assertions after the incremental run",
  incrementalWithLookback: "the same incremental run with --vars lookback_days=3 (the newest 3 dates of each daily mart recomputed too)",
  handwritten: "the floor: hand-written DuckDB script, the five headline figures straight from the CSV",
};

export interface ParityCheck {
  figure: string;
  models: number;
  handwritten: number;
}

/** The figures on which the models and the hand-written script differ. */
export function disagreements(parity: ParityCheck[]): ParityCheck[] {
  return parity.filter((check) => check.models !== check.handwritten);
}

export interface RunJson {
  status: string;
  actions: Array<{ name: string; kind: string; writeMode?: string; status: string; durationMs: number }>;
}

function newSample(stage: StageName): Sample {
  return { name: STAGE_LABELS[stage], ms: [], peakRssBytes: [] };
}

function sqlList(paths: string[]): string {
  return `[${paths.map((path) => `'${path.replace(/'/g, "''")}'`).join(", ")}]`;
}

function parseRun(step: string, measurement: CommandMeasurement): RunJson {
  const run = JSON.parse(measurement.stdout) as RunJson;
  if (run.status !== "successful") {
    const failed = run.actions.filter((action) => action.status !== "successful" && action.status !== "disabled");
    throw new Error(`${step} did not succeed: ${failed.map((action) => `${action.name} ${action.status}`).join(", ")}`);
  }
  return run;
}

/** Median duration of each action over the runs it succeeded in, slowest first. */
export function actionTimings(runs: RunJson[]): ActionTiming[] {
  const byName = new Map<string, { write: string; ms: number[] }>();
  for (const run of runs) {
    for (const action of run.actions) {
      if (action.status !== "successful") continue;
      const entry = byName.get(action.name) ?? { write: action.writeMode ?? action.kind, ms: [] };
      entry.ms.push(action.durationMs);
      byName.set(action.name, entry);
    }
  }
  return [...byName.entries()]
    .map(([name, { write, ms }]) => ({ name: name.split(".").slice(-2).join("."), write, medianMs: Math.round(median(ms)) }))
    .sort((a, b) => b.medianMs - a.medianMs);
}

export async function benchPipeline(
  dataset: BenchDataset,
  workDir: string,
  repetitions: number,
  memoryLimit: string,
  log: (line: string) => void,
): Promise<PipelineMeasurements> {
  const samples = Object.fromEntries(
    (Object.keys(STAGE_LABELS) as StageName[]).map((stage) => [stage, newSample(stage)]),
  ) as Record<StageName, Sample>;
  const warehouse = join(workDir, "warehouse.duckdb");
  const handwrittenDb = join(workDir, "handwritten.duckdb");
  const beforeIncremental = join(workDir, "before-incremental.duckdb");
  const keptTablesCopy = join(workDir, "kept-tables-copy.duckdb");
  const cli = (...args: string[]) => ["--warehouse", warehouse, "--memory-limit", memoryLimit, ...args];
  const duckdbScript = (step: string, databasePath: string, sql: string) => measureDuckdbScript(step, databasePath, sql, memoryLimit);
  const removeDatabase = (path: string) => {
    for (const file of [path, `${path}.wal`]) rmSync(file, { force: true });
  };
  const files = sqlList(dataset.baseFiles);
  const handwrittenSql = readFileSync(join(ROOT, "bench/handwrittenMarts.sql"), "utf8")
    .replaceAll("{{FILES}}", files)
    .replaceAll("{{TIMEOUT_SECONDS}}", String(30 * 60))
    .replaceAll("{{MAX_SESSION_DAYS}}", String(MAX_SESSION_DAYS));

  const step = async (stage: StageName, measure: () => Promise<CommandMeasurement>) => {
    const measurement = await measure();
    record(samples[stage], measurement);
    log(`  ${STAGE_LABELS[stage]}: ${(measurement.ms / 1000).toFixed(1)} s, peak ${(measurement.peakRssBytes / 2 ** 30).toFixed(2)} GiB`);
    return measurement;
  };

  const fullRefreshRuns: RunJson[] = [];
  const incrementalRuns: RunJson[] = [];
  let handwrittenFigures: Record<string, number> = {};
  let parity: ParityCheck[] = [];
  const bareParseSql = `SELECT count(*) AS rows FROM read_csv(${files}, header = true)`;
  // Every stage reads the CSV from the page cache, the first as much as the last.
  await duckdbScript("warm-up", ":memory:", bareParseSql);
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    log(`Repetition ${repetition} of ${repetitions}`);
    await step("bareParse", () => duckdbScript("bare parse", ":memory:", bareParseSql));
    await step("scanDistinctSessions", () =>
      duckdbScript("scan", ":memory:", `SELECT count(*) AS rows, count(DISTINCT user_session) AS sessions FROM read_csv(${files}, header = true)`),
    );

    removeDatabase(handwrittenDb);
    const handwritten = await step("handwritten", () => duckdbScript("hand-written marts", handwrittenDb, handwrittenSql));
    handwrittenFigures = (JSON.parse(handwritten.stdout) as Array<Record<string, number>>)[0]!;

    removeDatabase(warehouse);
    await step("load", () => measureCli("load", cli("--quiet", "load", ...dataset.baseFiles)));
    fullRefreshRuns.push(
      parseRun("full refresh", await step("fullRefresh", () => measureCli("full refresh", cli("--json", "run", "--full-refresh", "--disable-assertions")))),
    );
    parseRun("assertions", await step("assertions", () => measureCli("assertions", cli("--json", "run", "--actions", "assertions.*"))));

    if (repetition === 1) parity = await compareWithHandwritten(warehouse, handwrittenFigures, memoryLimit);
    removeDatabase(keptTablesCopy);
    await step("writeKeptTables", () => duckdbScript("write the kept tables", keptTablesCopy, copyTablesSql(warehouse, KEPT_TABLES)));
    removeDatabase(keptTablesCopy);
    await step("loadOneDay", () => measureCli("load one day", cli("--quiet", "load", dataset.extraDayFile)));
    removeDatabase(beforeIncremental);
    copyFileSync(warehouse, beforeIncremental);
    incrementalRuns.push(
      parseRun("incremental", await step("incremental", () => measureCli("incremental", cli("--json", "run", "--disable-assertions")))),
    );
    parseRun("incremental assertions", await step("incrementalAssertions", () => measureCli("assertions", cli("--json", "run", "--actions", "assertions.*"))));
    removeDatabase(warehouse);
    renameSync(beforeIncremental, warehouse);
    parseRun(
      "incremental with a lookback",
      await step("incrementalWithLookback", () => measureCli("incremental", cli("--json", "run", "--disable-assertions", "--vars", "lookback_days=3"))),
    );
  }
  removeDatabase(handwrittenDb);
  return { samples, fullRefreshActions: actionTimings(fullRefreshRuns), incrementalActions: actionTimings(incrementalRuns), parity, memoryLimit };
}

/** SQL that copies `tables` (schema.name) of the DuckDB file `source` into the database it runs on, and counts the rows copied. */
export function copyTablesSql(source: string, tables: string[]): string {
  const copies = tables.map((table, index) => `CREATE TABLE copy_${index} AS SELECT * FROM built.${table};`);
  const counts = tables.map((table, index) => `(SELECT count(*) FROM copy_${index}) AS "${table}"`);
  return [`SET preserve_insertion_order = false;`, `ATTACH '${source.replace(/'/g, "''")}' AS built (READ_ONLY);`, ...copies, `SELECT ${counts.join(", ")};`].join("\n");
}

/** The same figures from the models (after the full refresh) as the hand-written script printed. */
async function compareWithHandwritten(warehouse: string, handwritten: Record<string, number>, memoryLimit: string): Promise<ParityCheck[]> {
  const measurement = await measureDuckdbScript(
    "parity",
    warehouse,
    `SELECT
      (SELECT count(*) FROM marts.sessions) AS sessions,
      (SELECT sum(events) FROM marts.sessions) AS session_events,
      (SELECT sum(view_sessions) FROM marts.funnel_daily) AS view_sessions,
      (SELECT sum(view_to_purchase_sessions) FROM marts.funnel_daily) AS view_to_purchase_sessions,
      (SELECT sum(event_count) FROM marts.event_type_by_hour) AS hourly_events`,
    memoryLimit,
  );
  const models = (JSON.parse(measurement.stdout) as Array<Record<string, number>>)[0]!;
  return Object.keys(models).map((figure) => ({ figure, models: Number(models[figure]), handwritten: Number(handwritten[figure]) }));
}

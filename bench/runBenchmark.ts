/**
 * `npm run bench`: the pipeline measured against the machine's limit on one REES46 month (42.4 M
 * events, about 5.5 GB of CSV), plus the analyst's edit loop. `--quick` runs a small size in about
 * a minute. Results go to target/bench/<dataset>/results.{json,md}; `--update-benchmarks-md` also
 * writes them into BENCHMARKS.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { basename, join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { Command, InvalidArgumentError } from "commander";
import { datasetDir, ensureBenchDataset } from "./benchDataset.js";
import { benchEditLoop, benchEditLoopOnSample } from "./editLoop.js";
import { benchPipeline, disagreements, type StageName } from "./benchPipeline.js";
import { DEFAULT_MEMORY_LIMIT } from "../runner/warehouse/duckdbWarehouse.js";
import { ROOT } from "./measureCommand.js";
import { renderMarkdown, replaceResultsSection, type BenchmarkResults, type Machine } from "./renderResults.js";
import { summarise } from "./statistics.js";
import { evaluateTargets } from "./targets.js";

/** October 2019 of the REES46 dataset. */
const REES46_MONTH_EVENTS = 42_448_764;
const QUICK = { events: 200_000, days: 7, repetitions: 1 };
const BENCHMARKS_MD = join(ROOT, "BENCHMARKS.md");

interface BenchOptions {
  quick?: boolean;
  events?: number;
  days?: number;
  repetitions?: number;
  seed: number;
  out: string;
  memoryLimit: string;
  updateBenchmarksMd?: boolean;
}

function positiveInteger(value: string): number {
  const number = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("expected a positive whole number");
  return number;
}

async function describeMachine(): Promise<Machine> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const version = String((await connection.runAndReadAll("SELECT version()")).getRowsJson()[0]?.[0] ?? "unknown");
  connection.closeSync();
  instance.closeSync();
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    duckdb: version,
  };
}

function updateBenchmarksMd(markdown: string): void {
  writeFileSync(BENCHMARKS_MD, replaceResultsSection(readFileSync(BENCHMARKS_MD, "utf8"), markdown, BENCHMARKS_MD));
}

const program = new Command("bench")
  .description("measure the pipeline against DuckDB's bare CSV parse on one REES46 month")
  .option("--quick", `a small size (${QUICK.events.toLocaleString("en")} events, ${QUICK.days} days, ${QUICK.repetitions} repetition) that finishes in about a minute`)
  .option("--events <n>", `events in the base period (default ${REES46_MONTH_EVENTS.toLocaleString("en")}, one REES46 month)`, positiveInteger)
  .option("--days <n>", "days in the base period (default 31)", positiveInteger)
  .option("--repetitions <n>", "repetitions of each step (default 3)", positiveInteger)
  .option("--seed <n>", "generator seed", positiveInteger, 46)
  .option("--out <dir>", "where results and the cached data go", join(ROOT, "target/bench"))
  .option("--memory-limit <size>", "the memory limit of every stage, floors included (the CLI's default unless given; DuckDB's buffer pool gets 90 % of it)", DEFAULT_MEMORY_LIMIT)
  .option("--update-benchmarks-md", "write the results into BENCHMARKS.md")
  .parse(process.argv);
const options = program.opts<BenchOptions>();

const spec = {
  events: options.events ?? (options.quick ? QUICK.events : REES46_MONTH_EVENTS),
  days: options.days ?? (options.quick ? QUICK.days : 31),
  start: "2019-10-01",
  seed: options.seed,
};
const repetitions = options.repetitions ?? (options.quick ? QUICK.repetitions : 3);
const log = (line: string) => process.stderr.write(`${line}\n`);

const dataset = await ensureBenchDataset(join(options.out, "data"), spec, log);
const workDir = join(options.out, basename(datasetDir(join(options.out, "data"), spec)));
mkdirSync(workDir, { recursive: true });
log(`Benchmarking ${dataset.baseRows.toLocaleString("en")} events (${(dataset.baseBytes / 1e9).toFixed(2)} GB), ${repetitions} repetition(s), memory limit ${options.memoryLimit}…`);
const pipeline = await benchPipeline(dataset, workDir, repetitions, options.memoryLimit, log);
log("Edit loop…");
const editLoop = [...(await benchEditLoop(Math.max(3, repetitions))), ...(await benchEditLoopOnSample(Math.max(3, repetitions), log))].map(summarise);

const results: BenchmarkResults = {
  at: new Date().toISOString(),
  machine: await describeMachine(),
  dataset,
  repetitions,
  memoryLimit: pipeline.memoryLimit,
  stages: (Object.entries(pipeline.samples) as Array<[StageName, (typeof pipeline.samples)[StageName]]>).map(([stage, sample]) => ({
    stage,
    ...summarise(sample),
  })),
  targets: evaluateTargets(pipeline),
  fullRefreshActions: pipeline.fullRefreshActions,
  incrementalActions: pipeline.incrementalActions,
  parity: pipeline.parity,
  editLoop,
};
const markdown = renderMarkdown(results);
writeFileSync(join(workDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(workDir, "results.md"), markdown);
if (options.updateBenchmarksMd) updateBenchmarksMd(markdown);
process.stdout.write(markdown);
log(`Results: ${join(workDir, "results.md")}${options.updateBenchmarksMd ? " and BENCHMARKS.md" : ""}`);
const differing = disagreements(pipeline.parity);
if (differing.length > 0) {
  // Timings of models that compute something else than the floor compare nothing.
  log(`The models and the floor disagree on ${differing.map((check) => check.figure).join(", ")}.`);
  process.exitCode = 1;
}

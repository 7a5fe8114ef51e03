/**
 * `npm run bench`: timings measured end to end, as a user sees them.
 * Edit loop: the wall time of `clickstream run --actions NAME` after editing one model, on the
 * runner's fixture project (target: under 3 s).
 */
import { execFile } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { Command } from "commander";
import { DuckdbWarehouse } from "../runner/warehouse/duckdbWarehouse.js";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "bin/clickstream.js");

interface Measurement {
  name: string;
  runs: number[];
}

async function timeCommand(args: string[]): Promise<number> {
  const started = performance.now();
  await promisify(execFile)(process.execPath, [CLI, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return performance.now() - started;
}

function summarise({ name, runs }: Measurement) {
  const sorted = [...runs].sort((a, b) => a - b);
  return { name, runs: runs.length, minMs: Math.round(sorted[0]!), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!) };
}

async function benchEditLoop(repetitions: number): Promise<Measurement[]> {
  const project = mkdtempSync(join(tmpdir(), "clickstream-bench-"));
  try {
    cpSync(join(ROOT, "tests/fixtures/projects/shop"), project, { recursive: true });
    cpSync(join(ROOT, "node_modules/@dataform/core"), join(project, "node_modules/@dataform/core"), { recursive: true });
    const warehousePath = join(project, "warehouse.duckdb");
    const warehouse = await DuckdbWarehouse.open(warehousePath);
    await warehouse.connection.run(`CREATE SCHEMA src; CREATE TABLE src.orders AS
      SELECT i AS order_id, i % 100 AS customer_id, TIMESTAMPTZ '2024-01-01' + to_minutes(i) AS ordered_at,
             (i % 50)::DECIMAL(10, 2) AS amount, 'placed' AS status FROM range(1, 10001) t(i)`);
    warehouse.close();
    const common = ["--project-dir", project, "--warehouse", warehousePath, "--quiet"];
    await timeCommand(["run", ...common]);

    const model = join(project, "definitions/marts/customer_totals.sqlx");
    const original = readFileSync(model, "utf8");
    const compile: number[] = [];
    const editLoop: number[] = [];
    for (let run = 0; run < repetitions; run++) {
      compile.push(await timeCommand(["compile", ...common]));
      writeFileSync(model, `${original}\n-- edit ${run}\n`);
      editLoop.push(await timeCommand(["run", "--actions", "customer_totals", ...common]));
    }
    return [
      { name: "compile (real Dataform CLI, 18 actions)", runs: compile },
      { name: "edit one model → run --actions customer_totals", runs: editLoop },
    ];
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

const program = new Command("bench")
  .option("--repetitions <n>", "repetitions of each measurement", (value) => Number(value), 5)
  .option("--out <dir>", "where to write results.json", join(ROOT, "target/bench"));
program.parse(process.argv);
const options = program.opts<{ repetitions: number; out: string }>();

const results = (await benchEditLoop(options.repetitions)).map(summarise);
const machine = { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
mkdirSync(options.out, { recursive: true });
writeFileSync(join(options.out, "results.json"), `${JSON.stringify({ machine, results, at: new Date().toISOString() }, null, 2)}\n`);
console.log(`machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
console.log("| measurement | runs | min | median |\n|---|---|---|---|");
for (const result of results) console.log(`| ${result.name} | ${result.runs} | ${result.minMs} ms | ${result.medianMs} ms |`);
appendFileSync(join(options.out, "history.jsonl"), `${JSON.stringify({ machine, results })}\n`);

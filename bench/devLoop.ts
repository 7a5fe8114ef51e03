/**
 * Save to result in `clickstream dev`, on the REES46 sample: a copy of this project, the sample
 * loaded and built, then `clickstream dev --json` running while one mart is edited N times. Each
 * build's `resultMs` (first save event to the mart's rows printed) and its phases come from the
 * command's own JSON lines; a bare `dataform compile` is timed in the same run for comparison.
 *
 *   npx tsx bench/devLoop.ts [repetitions=5] [model=event_type_by_hour]
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { compileProject } from "../runner/compile/compileProject.js";
import { measureCli, ROOT } from "./measureCommand.js";

const SAMPLE = process.env["REES46_SAMPLE_DIR"] ?? join(ROOT, "../shared/data/rees46");

interface Build {
  event: string;
  status: string;
  resultMs: number;
  phases: Record<string, number>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function devBuilds(project: string, warehouse: string, model: string, repetitions: number, extra: string[]): Promise<Build[]> {
  const dev = spawn(process.execPath, [join(ROOT, "bin/clickstream.js"), "dev", "--json", "--project-dir", project, "--warehouse", warehouse, ...extra], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const events: Build[] = [];
  createInterface({ input: dev.stdout }).on("line", (line) => events.push(JSON.parse(line) as Build));
  const waitFor = async (count: number) => {
    while (events.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  await waitFor(1);
  const file = join(project, "definitions/marts", `${model}.sqlx`);
  const original = readFileSync(file, "utf8");
  for (let run = 0; run < repetitions; run++) {
    writeFileSync(file, `${original}\n-- edit ${run}\n`);
    await waitFor(run + 2);
  }
  writeFileSync(file, original);
  await waitFor(repetitions + 2);
  dev.kill("SIGINT");
  await new Promise((resolve) => dev.once("exit", resolve));
  return events.slice(1, repetitions + 1);
}

async function main(): Promise<void> {
  const repetitions = Number(process.argv[2] ?? 5);
  const model = process.argv[3] ?? "event_type_by_hour";
  const project = mkdtempSync(join(tmpdir(), "clickstream-bench-dev-"));
  try {
    for (const entry of ["dataform.json", "package.json", "definitions", "includes"]) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
    cpSync(join(ROOT, "node_modules/@dataform/core"), join(project, "node_modules/@dataform/core"), { recursive: true });
    const warehouse = join(project, "warehouse.duckdb");
    const common = ["--project-dir", project, "--warehouse", warehouse, "--quiet"];
    await measureCli("load the REES46 sample", ["load", join(SAMPLE, "2019-Oct-sample-a.csv"), ...common]);
    await measureCli("build everything", ["run", "--skip-check", ...common]);

    const compiles: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      await compileProject({ projectDir: project }, { cache: false });
      compiles.push(performance.now() - started);
    }
    const rows: string[] = [];
    for (const [label, extra] of [["with BigQuery's check", []], ["--skip-check", ["--skip-check"]]] as const) {
      const builds = await devBuilds(project, warehouse, model, repetitions, [...extra]);
      const failed = builds.filter((build) => build.status !== "successful");
      if (failed.length) throw new Error(`${failed.length} builds did not succeed: ${JSON.stringify(failed)}`);
      const phases = Object.keys(builds[0]!.phases).map((phase) => `${phase} ${Math.round(median(builds.map((build) => build.phases[phase] ?? 0)))} ms`);
      rows.push(`save → result, ${label}: median ${Math.round(median(builds.map((build) => build.resultMs)))} ms of ${builds.length} (${builds.map((build) => Math.round(build.resultMs)).join(", ")}); phases: ${phases.join(", ")}`);
    }
    console.log(`\nclickstream dev on the REES46 sample, one edit of marts.${model} at a time:`);
    for (const row of rows) console.log(`  ${row}`);
    console.log(`  bare dataform compile (same run): median ${Math.round(median(compiles))} ms of 3`);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

await main();

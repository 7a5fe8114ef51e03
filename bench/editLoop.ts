/**
 * The analyst's edit loop: the wall time of `clickstream run --actions NAME` after editing one model
 * (BigQuery's offline check included), on the runner's fixture project and on this project over
 * the REES46 sample, and of a bare compile.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cacheDir } from "../runner/cache/keyedJsonCache.js";
import { DuckdbWarehouse } from "../runner/warehouse/duckdbWarehouse.js";
import { measureCli, ROOT } from "./measureCommand.js";
import { record, type Sample } from "./statistics.js";

export async function benchEditLoop(repetitions: number): Promise<Sample[]> {
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
    await measureCli("edit loop: first run", ["run", ...common]);

    const model = join(project, "definitions/marts/customer_totals.sqlx");
    const original = readFileSync(model, "utf8");
    const compile: Sample = { name: "compile (real Dataform CLI, fixture project)", ms: [], peakRssBytes: [] };
    const editLoop: Sample = { name: "edit one model → run --actions customer_totals", ms: [], peakRssBytes: [] };
    for (let run = 0; run < repetitions; run++) {
      // A real compile each time: the previous run's graph is in the compile cache.
      rmSync(cacheDir(project, "compile"), { recursive: true, force: true });
      record(compile, await measureCli("compile", ["compile", ...common]));
      writeFileSync(model, `${original}\n-- edit ${run}\n`);
      record(editLoop, await measureCli("edit loop", ["run", "--actions", "customer_totals", ...common]));
    }
    return [compile, editLoop];
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

const REES46_SAMPLE = join(process.env["REES46_SAMPLE_DIR"] ?? join(ROOT, "../shared/data/rees46"), "2019-Oct-sample-a.csv");

/** One mart edited and rebuilt on this project's warehouse holding the REES46 sample, with and without the check. */
export async function benchEditLoopOnSample(repetitions: number, log: (line: string) => void): Promise<Sample[]> {
  if (!existsSync(REES46_SAMPLE)) {
    log(`NOTICE: the REES46 sample is not at ${REES46_SAMPLE}; the edit loop on it is not measured (set REES46_SAMPLE_DIR).`);
    return [];
  }
  const project = mkdtempSync(join(tmpdir(), "clickstream-bench-sample-"));
  try {
    for (const entry of ["dataform.json", "package.json", "definitions", "includes"]) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
    cpSync(join(ROOT, "node_modules/@dataform/core"), join(project, "node_modules/@dataform/core"), { recursive: true });
    const common = ["--project-dir", project, "--warehouse", join(project, "warehouse.duckdb"), "--quiet"];
    await measureCli("edit loop on the sample: load", ["load", REES46_SAMPLE, ...common]);
    await measureCli("edit loop on the sample: first run", ["run", ...common]);
    const model = join(project, "definitions/marts/event_type_by_hour.sqlx");
    const original = readFileSync(model, "utf8");
    const checked: Sample = { name: "REES46 sample: edit event_type_by_hour → run --actions event_type_by_hour (with the BigQuery check)", ms: [], peakRssBytes: [] };
    const unchecked: Sample = { name: "REES46 sample: the same with --skip-check", ms: [], peakRssBytes: [] };
    for (let run = 0; run < repetitions; run++) {
      writeFileSync(model, `${original}\n-- edit ${run}\n`);
      record(checked, await measureCli("edit loop on the sample", ["run", "--actions", "event_type_by_hour", ...common]));
      record(unchecked, await measureCli("edit loop on the sample, unchecked", ["run", "--actions", "event_type_by_hour", "--skip-check", ...common]));
    }
    return [checked, unchecked];
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/**
 * The analyst's edit loop: the wall time of `clickstream run --actions NAME` after editing one model,
 * on the runner's fixture project, and of a bare compile.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
      record(compile, await measureCli("compile", ["compile", ...common]));
      writeFileSync(model, `${original}\n-- edit ${run}\n`);
      record(editLoop, await measureCli("edit loop", ["run", "--actions", "customer_totals", ...common]));
    }
    return [compile, editLoop];
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

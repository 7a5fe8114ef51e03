/**
 * Fixture Dataform projects (tests/fixtures/projects/*) copied to a temporary directory, with the
 * @dataform/core the compiler insists on finding in the project's own node_modules.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileProject } from "../../runner/compile/compileProject.js";
import type { CompiledGraph } from "../../runner/graph/compiledGraph.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * SQL that (re)creates the shop project's source table `src.orders` with `rows`, each an SQL tuple
 * (order_id, customer_id, ordered_at, amount, status); amounts are cast to the source's DECIMAL(10, 2).
 */
export function shopOrdersSql(rows: string[]): string {
  return `CREATE SCHEMA IF NOT EXISTS src;
  CREATE OR REPLACE TABLE src.orders AS
  SELECT order_id, customer_id, ordered_at, amount::DECIMAL(10, 2) AS amount, status
  FROM (VALUES ${rows.join(",\n    ")}) AS t(order_id, customer_id, ordered_at, amount, status)`;
}

export interface FixtureProject {
  dir: string;
  warehousePath: string;
  /** Compiles once per set of vars and reuses the graph: the real compiler takes about a second. */
  compile(vars?: Record<string, string>): Promise<CompiledGraph>;
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  execute(sql: string): Promise<void>;
  remove(): void;
}

export function copyFixtureProject(name: string): FixtureProject {
  const dir = mkdtempSync(join(tmpdir(), `clickstream-${name}-`));
  cpSync(join(REPOSITORY_ROOT, "tests/fixtures/projects", name), dir, { recursive: true });
  cpSync(join(REPOSITORY_ROOT, "node_modules/@dataform/core"), join(dir, "node_modules/@dataform/core"), { recursive: true });
  const warehousePath = join(dir, "warehouse.duckdb");
  const graphs = new Map<string, Promise<CompiledGraph>>();
  const withWarehouse = async <T>(work: (warehouse: DuckdbWarehouse) => Promise<T>): Promise<T> => {
    const warehouse = await DuckdbWarehouse.open(warehousePath);
    try {
      return await work(warehouse);
    } finally {
      warehouse.close();
    }
  };
  return {
    dir,
    warehousePath,
    compile(vars = {}) {
      const key = JSON.stringify(vars);
      if (!graphs.has(key)) graphs.set(key, compileProject({ projectDir: dir, vars }));
      return graphs.get(key)!;
    },
    query: (sql) =>
      withWarehouse(async (warehouse) => (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson() as never),
    execute: (sql) => withWarehouse(async (warehouse) => void (await warehouse.connection.run(sql))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

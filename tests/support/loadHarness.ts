/** A fresh in-memory warehouse with the raw tables, for loader tests. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { loadFileToDuckdb, type FileLoadResult, type LoadOptions } from "../../loaders/duckdb/loadFileToDuckdb.js";
import { CSV_HEADER } from "../../loaders/generate/generateDataset.js";
import { DEFAULT_MAX_REJECTED } from "../../loaders/maxRejected.js";
import { createRawTablesSql } from "../../loaders/rawTables.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { REPOSITORY_ROOT } from "./fixtureProject.js";

export const BAD_INPUT = join(REPOSITORY_ROOT, "tests/fixtures/bad-input");

export interface LoadHarness {
  connection: DuckDBConnection;
  load(path: string, options?: Partial<LoadOptions>): Promise<FileLoadResult>;
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): void;
}

export async function openLoadHarness(path = ":memory:"): Promise<LoadHarness> {
  const warehouse = await DuckdbWarehouse.open(path);
  await warehouse.connection.run(createRawTablesSql());
  return {
    connection: warehouse.connection,
    load: (file, options = {}) =>
      loadFileToDuckdb(warehouse.connection, file, { replace: "never", maxRejected: DEFAULT_MAX_REJECTED, mapColumns: false, ...options }),
    rows: async (sql) => (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson() as never,
    close: () => warehouse.close(),
  };
}

/**
 * `lines` (CSV rows without the header) loaded as one file `dir/name-events.csv` into a warehouse
 * file (by default `dir/name.duckdb`) with the raw tables, every bad line quarantined rather than
 * failing the load.
 */
export async function loadEventLines(dir: string, name: string, lines: string[], warehousePath = join(dir, `${name}.duckdb`)): Promise<string> {
  const file = join(dir, `${name}-events.csv`);
  writeFileSync(file, `${CSV_HEADER}\n${lines.join("\n")}\n`);
  const harness = await openLoadHarness(warehousePath);
  try {
    await harness.load(file, { maxRejected: { kind: "percent", value: 100 } });
  } finally {
    harness.close();
  }
  return warehousePath;
}

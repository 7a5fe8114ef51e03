/**
 * The BigQuery path validates exactly as the local one: the file goes through loadFileToDuckdb into a
 * scratch DuckDB database, and the resulting raw rows, quarantined lines and manifest row are
 * written as Parquet for BigQuery load jobs. Same code, so the same accounting on both targets.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadFileToDuckdb, type FileLoadResult, type LoadOptions } from "../duckdb/loadFileToDuckdb.js";
import { createRawTablesSql, RAW_SCHEMA, RAW_TABLES } from "../rawTables.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";

export interface ValidatedFile {
  result: FileLoadResult;
  /** Parquet file per raw table. */
  parquet: Record<string, string>;
  cleanUp(): void;
}

export async function validateToParquet(path: string, options: Omit<LoadOptions, "replace">): Promise<ValidatedFile> {
  const workDir = mkdtempSync(join(tmpdir(), "clickstream-validate-"));
  const cleanUp = () => rmSync(workDir, { recursive: true, force: true });
  try {
    const warehouse = await DuckdbWarehouse.open(join(workDir, "scratch.duckdb"));
    try {
      await warehouse.connection.run(createRawTablesSql());
      const result = await loadFileToDuckdb(warehouse.connection, path, { ...options, replace: "always" });
      const parquet: Record<string, string> = {};
      for (const table of Object.keys(RAW_TABLES)) {
        parquet[table] = join(workDir, `${table}.parquet`);
        await warehouse.connection.run(`COPY "${RAW_SCHEMA}"."${table}" TO '${parquet[table]}' (FORMAT parquet, COMPRESSION zstd)`);
      }
      return { result, parquet, cleanUp };
    } finally {
      warehouse.close();
    }
  } catch (error) {
    cleanUp();
    throw error;
  }
}

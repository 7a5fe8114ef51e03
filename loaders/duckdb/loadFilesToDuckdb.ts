/**
 * `load --target duckdb`: each file in its own transaction, in order. A file that fails stops the
 * command; the files before it stay loaded (a rerun skips them).
 */
import { createRawTablesSql } from "../rawTables.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { loadFileToDuckdb, type FileLoadResult, type LoadOptions } from "./loadFileToDuckdb.js";

export interface LoadFilesOptions extends Omit<LoadOptions, "onProgress"> {
  warehousePath: string;
  onFileStart?: (path: string, index: number) => void;
  onProgress?: (path: string, fraction: number) => void;
  onFileEnd?: (result: FileLoadResult) => void;
}

export async function loadFilesToDuckdb(paths: string[], options: LoadFilesOptions): Promise<FileLoadResult[]> {
  const warehouse = await DuckdbWarehouse.open(options.warehousePath);
  try {
    await warehouse.connection.run(createRawTablesSql());
    const results: FileLoadResult[] = [];
    for (const [index, path] of paths.entries()) {
      options.onFileStart?.(path, index);
      const result = await loadFileToDuckdb(warehouse.connection, path, {
        ...options,
        onProgress: (fraction) => options.onProgress?.(path, fraction),
      });
      results.push(result);
      options.onFileEnd?.(result);
    }
    return results;
  } finally {
    warehouse.close();
  }
}

import type { DuckDBValue } from "@duckdb/node-api";
import type { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";

/**
 * Rows of a report query as T. The queries cast every column to DOUBLE, VARCHAR or BOOLEAN, so
 * the values are plain JavaScript numbers, strings and booleans (or null) as T declares them.
 */
export async function queryRows<T>(warehouse: DuckdbWarehouse, sql: string, params?: DuckDBValue[]): Promise<T[]> {
  return (await warehouse.query(sql, params)) as unknown as T[];
}

/** Rows of a query on a warehouse file, opened read-only for the query alone. */
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";

export async function queryWarehouse<T = Record<string, unknown>>(warehousePath: string, sql: string): Promise<T[]> {
  const warehouse = await DuckdbWarehouse.open(warehousePath, { readOnly: true });
  try {
    return (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson() as T[];
  } finally {
    warehouse.close();
  }
}

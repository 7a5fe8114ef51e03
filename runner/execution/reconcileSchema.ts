/**
 * onSchemaChange for incremental writes, done with DuckDB's DESCRIBE and ALTER TABLE instead of
 * Dataform's BigQuery stored procedure. Returns the columns the write should fill.
 *
 * Deviation from Dataform: the write uses the columns after the change. Dataform keeps the
 * pre-run list, so EXTEND leaves new columns NULL for one run and SYNCHRONIZE's MERGE still names
 * the dropped columns; users expect the change to take effect at once.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { OnSchemaChange } from "../graph/compiledGraph.js";
import type { ColumnInfo } from "../warehouse/duckdbWarehouse.js";

export class SchemaChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaChangeError";
  }
}

export interface SchemaChangeRequest {
  /** The target as a quoted DuckDB reference. */
  target: string;
  strategy: Exclude<OnSchemaChange, "IGNORE">;
  uniqueKey: string[];
  existing: ColumnInfo[];
  /** The incremental query, in DuckDB SQL. */
  query: string;
  fileName: string;
}

export async function reconcileSchema(connection: DuckDBConnection, request: SchemaChangeRequest): Promise<string[]> {
  const described = (await connection.runAndReadAll(`DESCRIBE ${request.query}`)).getRowObjectsJS() as Array<{
    column_name: string;
    column_type: string;
  }>;
  const incoming: ColumnInfo[] = described.map((row) => ({ name: row.column_name, type: row.column_type }));
  const has = (columns: ColumnInfo[], name: string) => columns.some((column) => column.name.toLowerCase() === name.toLowerCase());
  const added = incoming.filter((column) => !has(request.existing, column.name));
  const removed = request.existing.filter((column) => !has(incoming, column.name));
  if (added.length === 0 && removed.length === 0) return request.existing.map((column) => column.name);

  const describe = (columns: ColumnInfo[]) => columns.map((column) => `${column.name} ${column.type}`).join(", ") || "none";
  const summary = `columns added: ${describe(added)}; columns removed: ${describe(removed)}`;
  if (request.strategy === "FAIL") {
    throw new SchemaChangeError(`${request.fileName}: onSchemaChange is FAIL and the query's schema changed (${summary}).`);
  }
  if (request.strategy === "EXTEND" && removed.length > 0) {
    throw new SchemaChangeError(`${request.fileName}: onSchemaChange is EXTEND, which cannot remove columns (${summary}).`);
  }
  const removedKeys = removed.filter((column) => request.uniqueKey.some((key) => key.toLowerCase() === column.name.toLowerCase()));
  if (removedKeys.length > 0) {
    throw new SchemaChangeError(
      `${request.fileName}: onSchemaChange is SYNCHRONIZE, but the removed columns ${describe(removedKeys)} are part of the uniqueKey.`,
    );
  }
  for (const column of removed) {
    await connection.run(`ALTER TABLE ${request.target} DROP COLUMN IF EXISTS "${column.name}"`);
  }
  for (const column of added) {
    await connection.run(`ALTER TABLE ${request.target} ADD COLUMN IF NOT EXISTS "${column.name}" ${column.type}`);
  }
  return [...request.existing.filter((column) => !has(removed, column.name)), ...added].map((column) => column.name);
}

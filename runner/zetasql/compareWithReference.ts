/**
 * A DuckDB table against the reference engine's result, value for value: rows as multisets (order
 * never matters to a table), columns by name, each cell in the type the reference engine gave the
 * column. FLOAT64 cells may differ in the last bits (a sum's order changes them in BigQuery too):
 * they are equal within a relative 1e-12.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { ReferenceTable } from "./evaluateGraph.js";
import { canonicalFromDuckdb, canonicalFromValueProto, type CanonicalCell } from "./zetasqlValues.js";

export interface TableComparison {
  table: string;
  rows: { duckdb: number; reference: number };
  /** Columns only one side has. */
  columnMismatch?: string;
  differingCells: number;
  /** A few differing rows, DuckDB's then the reference engine's. */
  examples: string[];
}

const FLOAT_TOLERANCE = 1e-12;

function cellsEqual(a: CanonicalCell, b: CanonicalCell): boolean {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return Math.abs(a - b) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Sort key: floats rounded so that rows equal within the tolerance sort alike. */
function sortKey(row: CanonicalCell[]): string {
  return JSON.stringify(row.map((cell) => (typeof cell === "number" ? Number(cell.toPrecision(10)) : cell)));
}

export async function compareWithReference(connection: DuckDBConnection, table: string, relation: string, reference: ReferenceTable): Promise<TableComparison> {
  const reader = await connection.runAndReadAll(`SELECT * FROM ${relation}`);
  const duckdbColumns = reader.columnNames().map((name) => name.toLowerCase());
  const referenceColumns = reference.columns.map((column) => column.name.toLowerCase());
  const missing = referenceColumns.filter((name) => !duckdbColumns.includes(name));
  const extra = duckdbColumns.filter((name) => !referenceColumns.includes(name));
  const duckdbRows = reader.getRowsJson();
  const result: TableComparison = { table, rows: { duckdb: duckdbRows.length, reference: reference.rows.length }, differingCells: 0, examples: [] };
  if (missing.length || extra.length) {
    result.columnMismatch = `only the reference engine has [${missing.join(", ")}]; only DuckDB has [${extra.join(", ")}]`;
    return result;
  }
  const positions = referenceColumns.map((name) => duckdbColumns.indexOf(name));
  const ours = duckdbRows
    .map((row) => positions.map((position, index) => canonicalFromDuckdb(row[position], reference.columns[index]!.type)))
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const theirs = reference.rows
    .map((row) => row.map((value, index) => canonicalFromValueProto(value, reference.columns[index]!.type)))
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const count = Math.max(ours.length, theirs.length);
  for (let index = 0; index < count; index++) {
    const mine = ours[index];
    const other = theirs[index];
    const differing = !mine || !other ? referenceColumns.length : mine.filter((cell, column) => !cellsEqual(cell, other[column]!)).length;
    if (differing === 0) continue;
    result.differingCells += differing;
    if (result.examples.length < 6) result.examples.push(`duckdb    ${JSON.stringify(mine ?? null)}`, `reference ${JSON.stringify(other ?? null)}`);
  }
  return result;
}

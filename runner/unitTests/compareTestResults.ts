/**
 * `dataform test`'s comparison (Dataform's cli/api/commands/test.ts): equal row counts; the same column names,
 * compared case-insensitively, in any order; then row by row, in order, value by value.
 */
import type { BigqueryValue, ResultTable } from "./bigqueryValues.js";

export interface CellMismatch {
  row: number;
  column: string;
}

export interface Comparison {
  passed: boolean;
  messages: string[];
  mismatches: CellMismatch[];
}

export function compareTestResults(expected: ResultTable, actual: ResultTable): Comparison {
  const fail = (messages: string[], mismatches: CellMismatch[] = []): Comparison => ({ passed: false, messages, mismatches });
  if (expected.rows.length !== actual.rows.length) {
    return fail([`Expected ${expected.rows.length} rows, but saw ${actual.rows.length} rows.`]);
  }
  if (expected.rows.length === 0) return { passed: true, messages: [], mismatches: [] };

  const expectedColumns = expected.columns;
  const actualColumns = actual.columns;
  if (expectedColumns.length !== actualColumns.length) {
    return fail([`Expected ${expectedColumns.length} columns, but saw ${actualColumns.length} columns.`]);
  }
  const actualByUpper = new Map(actualColumns.map((column) => [column.toUpperCase(), column]));
  const missing = expectedColumns.filter((column) => !actualByUpper.has(column.toUpperCase()));
  if (missing.length > 0) {
    return fail([`Expected columns "${expectedColumns.join(",")}", but saw "${actualColumns.join(",")}".`]);
  }
  const expectedByUpper = new Map(expectedColumns.map((column) => [column.toUpperCase(), column]));

  const messages: string[] = [];
  const mismatches: CellMismatch[] = [];
  actual.rows.forEach((actualRow, index) => {
    const expectedRow = expected.rows[index]!;
    for (const column of actualColumns) {
      const expectedValue = expectedRow[expectedByUpper.get(column.toUpperCase())!] ?? null;
      const actualValue = actualRow[column] ?? null;
      const problem = compareValues(expectedValue, actualValue);
      if (!problem) continue;
      messages.push(`For row ${index} and column "${column}": ${problem.message}`);
      mismatches.push({ row: index, column });
      if (problem.endsRow) break;
    }
  });
  return { passed: messages.length === 0, messages, mismatches };
}

function compareValues(expected: BigqueryValue, actual: BigqueryValue): { message: string; endsRow: boolean } | undefined {
  if ((expected === null) !== (actual === null)) {
    return { message: `expected ${show(expected)}, but saw ${show(actual)}.`, endsRow: true };
  }
  if (expected === null) return undefined;
  if (typeof expected !== typeof actual) {
    return { message: `expected type "${typeof expected}", but saw type "${typeof actual}".`, endsRow: true };
  }
  const equal = typeof expected === "object" ? JSON.stringify(expected) === JSON.stringify(actual) : expected === actual;
  return equal ? undefined : { message: `expected ${show(expected)}, but saw ${show(actual)}.`, endsRow: false };
}

export function show(value: BigqueryValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object" && !Array.isArray(value) && "value" in value) return `"${String(value.value)}"`;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** A readable side-by-side table of expected and actual rows, mismatching cells marked with `*`. */
import type { ResultTable } from "./bigqueryValues.js";
import { show, type CellMismatch } from "./compareTestResults.js";

const MAX_ROWS = 20;

export function formatRowDiff(expected: ResultTable, actual: ResultTable, mismatches: CellMismatch[]): string {
  const columns = actual.columns.length > 0 ? actual.columns : expected.columns;
  const bad = new Set(mismatches.map((mismatch) => `${mismatch.row}:${mismatch.column.toUpperCase()}`));
  const cell = (table: ResultTable, row: number, column: string) => {
    const record = table.rows[row];
    if (!record) return "";
    const key = Object.keys(record).find((name) => name.toUpperCase() === column.toUpperCase());
    return key === undefined ? "(missing)" : show(record[key] ?? null);
  };
  const lines: string[][] = [["row", "", ...columns]];
  const rowCount = Math.min(Math.max(expected.rows.length, actual.rows.length), MAX_ROWS);
  for (let row = 0; row < rowCount; row++) {
    const marks = columns.map((column) => (bad.has(`${row}:${column.toUpperCase()}`) ? "*" : ""));
    lines.push([String(row), "expected", ...columns.map((column, index) => cell(expected, row, column) + marks[index])]);
    lines.push(["", "actual", ...columns.map((column, index) => cell(actual, row, column) + marks[index])]);
  }
  const widths = lines[0]!.map((_, index) => Math.max(...lines.map((line) => (line[index] ?? "").length)));
  const render = (line: string[]) => line.map((text, index) => text.padEnd(widths[index]!)).join(" | ").trimEnd();
  const separator = widths.map((width) => "-".repeat(width)).join("-+-");
  const body = [render(lines[0]!), separator, ...lines.slice(1).map(render)];
  const hidden = Math.max(expected.rows.length, actual.rows.length) - rowCount;
  if (hidden > 0) body.push(`... ${hidden} more rows`);
  return body.join("\n");
}

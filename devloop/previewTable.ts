/** The first rows of a result as a small fixed-width text table, cells cut to a readable width. */
const CELL = 24;

function cell(value: unknown): string {
  const text = value === null || value === undefined ? "NULL" : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.length > CELL ? `${text.slice(0, CELL - 1)}…` : text;
}

export function previewTable(columns: string[], rows: unknown[][]): string {
  const cells = [columns.map(cell), ...rows.map((row) => row.map(cell))];
  const widths = columns.map((_, index) => Math.max(...cells.map((row) => row[index]!.length)));
  const line = (row: string[]) => row.map((value, index) => value.padEnd(widths[index]!)).join(" │ ").trimEnd();
  return [line(cells[0]!), widths.map((width) => "─".repeat(width)).join("─┼─"), ...cells.slice(1).map(line)].join("\n");
}

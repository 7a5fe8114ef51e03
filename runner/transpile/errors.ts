/** A BigQuery construct that has no faithful DuckDB translation. */
export class UnsupportedConstructError extends Error {
  constructor(
    readonly construct: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`BigQuery construct ${construct}${line === undefined ? "" : ` (line ${line})`} cannot run on DuckDB: ${reason}`);
    this.name = "UnsupportedConstructError";
  }
}

/** Where a parse error sits: a position in the statement the parser saw, which came from `source`. */
export interface ParsePosition {
  /** The BigQuery text given to the transpiler (a compiled query, pre-operation, ...). */
  source: string;
  /** The statement the parser saw (after the compat rewrites). */
  statement: string;
  line: number;
  column: number;
}

/** Transpiling one query failed; names the model file so the user knows where to look. */
export class TranspileError extends Error {
  constructor(
    readonly fileName: string | undefined,
    readonly detail: string,
    readonly position?: ParsePosition,
  ) {
    super(`${fileName ?? "SQL"}: ${detail}`);
    this.name = "TranspileError";
  }
}

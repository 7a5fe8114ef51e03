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

/** Transpiling one query failed; names the model file so the user knows where to look. */
export class TranspileError extends Error {
  constructor(
    readonly fileName: string | undefined,
    readonly detail: string,
  ) {
    super(`${fileName ?? "SQL"}: ${detail}`);
    this.name = "TranspileError";
  }
}

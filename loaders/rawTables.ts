/**
 * The raw landing tables, in both warehouses' types. Loaders create them; definitions/sources/
 * declares them to Dataform. Values that round-trip the file's text exactly are stored typed.
 */

export interface RawColumn {
  name: string;
  bigquery: "TIMESTAMP" | "STRING" | "INT64" | "NUMERIC";
  duckdb: string;
  description: string;
}

export const RAW_SCHEMA = "raw";

export const EVENT_COLUMNS: RawColumn[] = [
  { name: "event_time", bigquery: "TIMESTAMP", duckdb: "TIMESTAMPTZ", description: "When the event happened (UTC), as written in the file." },
  { name: "event_type", bigquery: "STRING", duckdb: "VARCHAR", description: "view, cart, remove_from_cart or purchase (not yet validated)." },
  { name: "product_id", bigquery: "INT64", duckdb: "BIGINT", description: "Product id." },
  { name: "category_id", bigquery: "INT64", duckdb: "BIGINT", description: "Category id (19 digits: too wide for a JavaScript number)." },
  { name: "category_code", bigquery: "STRING", duckdb: "VARCHAR", description: "Dotted category path; empty string when the file had none." },
  { name: "brand", bigquery: "STRING", duckdb: "VARCHAR", description: "Brand; empty string when the file had none." },
  { name: "price", bigquery: "NUMERIC", duckdb: "DECIMAL(18, 2)", description: "Price with two decimals." },
  { name: "user_id", bigquery: "INT64", duckdb: "BIGINT", description: "User id." },
  { name: "user_session", bigquery: "STRING", duckdb: "VARCHAR", description: "Session id from the source (UUID); may be empty." },
];

export const LINEAGE_COLUMNS: RawColumn[] = [
  { name: "_source_file", bigquery: "STRING", duckdb: "VARCHAR", description: "File the row came from." },
  { name: "_source_line", bigquery: "INT64", duckdb: "BIGINT", description: "1-based line number in that file (the header is line 1)." },
  { name: "_load_id", bigquery: "STRING", duckdb: "VARCHAR", description: "The load that landed the row (see load_manifest)." },
  { name: "_loaded_at", bigquery: "TIMESTAMP", duckdb: "TIMESTAMPTZ", description: "When the load committed." },
];

export const REJECTED_COLUMNS: RawColumn[] = [
  ...LINEAGE_COLUMNS,
  { name: "field", bigquery: "STRING", duckdb: "VARCHAR", description: "The column that failed, when one did." },
  { name: "reason", bigquery: "STRING", duckdb: "VARCHAR", description: "Why the line is not a valid event row." },
  { name: "raw_text", bigquery: "STRING", duckdb: "VARCHAR", description: "The line exactly as it was in the file." },
];

export const MANIFEST_COLUMNS: RawColumn[] = [
  { name: "load_id", bigquery: "STRING", duckdb: "VARCHAR", description: "Id of the load." },
  { name: "source_file", bigquery: "STRING", duckdb: "VARCHAR", description: "The file loaded." },
  { name: "content_sha256", bigquery: "STRING", duckdb: "VARCHAR", description: "SHA-256 of the file's bytes: a file is loaded once." },
  { name: "bytes", bigquery: "INT64", duckdb: "BIGINT", description: "File size in bytes." },
  { name: "lines", bigquery: "INT64", duckdb: "BIGINT", description: "Data lines in the file (header excluded)." },
  { name: "loaded_rows", bigquery: "INT64", duckdb: "BIGINT", description: "Lines landed in raw.events." },
  { name: "rejected_rows", bigquery: "INT64", duckdb: "BIGINT", description: "Lines landed in raw.events_rejected." },
  { name: "started_at", bigquery: "TIMESTAMP", duckdb: "TIMESTAMPTZ", description: "When the load started." },
  { name: "finished_at", bigquery: "TIMESTAMP", duckdb: "TIMESTAMPTZ", description: "When the load committed." },
];

export const RAW_TABLES: Record<string, RawColumn[]> = {
  events: [...EVENT_COLUMNS, ...LINEAGE_COLUMNS],
  events_rejected: REJECTED_COLUMNS,
  load_manifest: MANIFEST_COLUMNS,
};

/** DuckDB DDL that creates the raw schema and its tables when they are missing. */
export function createRawTablesSql(schema = RAW_SCHEMA): string {
  const tables = Object.entries(RAW_TABLES).map(
    ([table, columns]) =>
      `CREATE TABLE IF NOT EXISTS "${schema}"."${table}" (\n  ${columns.map((column) => `"${column.name}" ${column.duckdb}`).join(",\n  ")}\n);`,
  );
  return [`CREATE SCHEMA IF NOT EXISTS "${schema}";`, ...tables].join("\n");
}

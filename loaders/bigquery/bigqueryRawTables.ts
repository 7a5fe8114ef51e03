/**
 * The raw tables on BigQuery, from the same column list as the DuckDB ones (rawTables.ts):
 * events partitioned by event date (staging reads recent partitions only) and clustered for its
 * filters; rejects partitioned by load date.
 */
import { RAW_TABLES, type RawColumn } from "../rawTables.js";

const TABLE_LAYOUT: Record<string, { partition?: string; cluster?: string[]; description: string }> = {
  events: {
    partition: "DATE(event_time)",
    cluster: ["event_type", "_source_file"],
    description: "Raw clickstream events as landed by clickstream load, one row per valid CSV line.",
  },
  events_rejected: {
    partition: "DATE(_loaded_at)",
    cluster: ["_source_file"],
    description: "Input lines that are not valid event rows, with line number, reason and text.",
  },
  load_manifest: { description: "One row per loaded file: content hash, bytes, lines, loaded and rejected rows." },
};

const quote = (text: string) => JSON.stringify(text);

export function bigqueryTableReference(projectId: string, dataset: string, table: string): string {
  return `\`${projectId}.${dataset}.${table}\``;
}

export function bigqueryRawTablesDdl(projectId: string, dataset: string, location: string): string[] {
  const columns = (list: RawColumn[]) => list.map((column) => `  ${column.name} ${column.bigquery} OPTIONS(description=${quote(column.description)})`).join(",\n");
  return [
    `CREATE SCHEMA IF NOT EXISTS \`${projectId}.${dataset}\` OPTIONS(location=${quote(location)}, labels=[("app", "clickstream")])`,
    ...Object.entries(RAW_TABLES).map(([table, list]) => {
      const layout = TABLE_LAYOUT[table]!;
      return (
        `CREATE TABLE IF NOT EXISTS ${bigqueryTableReference(projectId, dataset, table)} (\n${columns(list)}\n)` +
        (layout.partition ? `\nPARTITION BY ${layout.partition}` : "") +
        (layout.cluster ? `\nCLUSTER BY ${layout.cluster.join(", ")}` : "") +
        `\nOPTIONS(description=${quote(layout.description)}, labels=[("app", "clickstream")])`
      );
    }),
  ];
}

/** The explicit schema for a load job into `table` (a load never infers types). */
export function loadJobSchema(table: string): { fields: Array<{ name: string; type: string; mode: string }> } {
  return { fields: RAW_TABLES[table]!.map((column) => ({ name: column.name, type: column.bigquery, mode: "NULLABLE" })) };
}

/**
 * The SQL `dataform run` sends to BigQuery for each action (Dataform's cli/api/dbadapters/execution_sql.ts,
 * 3.0.x). The local runner shows it beside its DuckDB translation (`--dry-run`), and builds
 * its DuckDB DML from the same statements so both engines write the same rows.
 */
import type { CompiledTable, Target } from "../graph/compiledGraph.js";
import { bigqueryReference } from "../graph/targets.js";

/** Dataform's `Tasks.concatenate`: trimmed, non-empty pieces joined by `;\n`. */
export function concatenateStatements(pieces: string[]): string {
  const trimmed = pieces.map((piece) => piece.trim()).filter((piece) => piece !== "");
  return trimmed
    .map((piece, index) => {
      if (index === trimmed.length - 1 || piece.endsWith(";")) return piece;
      const lines = piece.split("\n");
      const last = lines[lines.length - 1]!;
      // A trailing `-- comment` would swallow the semicolon, so it goes after it.
      const comment = /^(.*?)(\s*--[^'"`]*)$/.exec(last);
      if (comment && !comment[1]!.trim().startsWith("--")) {
        lines[lines.length - 1] = `${comment[1]};${comment[2]}`;
        return lines.join("\n");
      }
      return `${piece};`;
    })
    .join("\n");
}

export function baseTableType(table: CompiledTable): "table" | "view" {
  return table.type === "view" ? "view" : "table";
}

export function createOrReplaceSql(table: CompiledTable): string {
  const options: string[] = [];
  const bigquery = table.bigquery ?? {};
  if (bigquery.partitionBy) {
    if (bigquery.partitionExpirationDays) options.push(`partition_expiration_days=${bigquery.partitionExpirationDays}`);
    if (bigquery.requirePartitionFilter) options.push("require_partition_filter=true");
  }
  for (const [key, value] of Object.entries(bigquery.additionalOptions ?? {})) options.push(`${key}=${value}`);
  return (
    `create or replace ${table.materialized ? "materialized " : ""}${baseTableType(table)} ${bigqueryReference(table.target)} ` +
    (bigquery.partitionBy ? `partition by ${bigquery.partitionBy} ` : "") +
    (bigquery.clusterBy?.length ? `cluster by ${bigquery.clusterBy.join(", ")} ` : "") +
    (options.length ? `OPTIONS(${options.join(",")})` : "") +
    `as ${table.query}`
  );
}

/** The query an incremental write reads: `incrementalQuery`, wrapped by the `where` clause if any. */
export function incrementalQuery(table: CompiledTable): string {
  const query = table.incrementalQuery || table.query;
  return table.where ? `\n  select * from (${query}) as subquery\n    where ${table.where}` : query;
}

const quoteColumn = (column: string) => "`" + column + "`";

export function insertSql(target: Target, columns: string[], query: string): string {
  const list = columns.map(quoteColumn).join(",");
  return `insert into ${bigqueryReference(target)}\t\n(${list})\t\nselect ${list}\t\nfrom (${query}) as insertions`;
}

/** The extra conditions on the MERGE: `updatePartitionFilter`, or the incremental predicates. */
export function mergeConditions(table: CompiledTable): string {
  const bigquery = table.bigquery ?? {};
  const predicates = (bigquery.incrementalPredicates ?? []).filter((predicate) => predicate.trim() !== "");
  return (
    (bigquery.updatePartitionFilter ? ` and DATAFORM_DEST.${bigquery.updatePartitionFilter}` : "") +
    (predicates.length ? `\n and ${predicates.map((predicate) => `(${predicate})`).join(" and ")}` : "")
  );
}

export function mergeSql(table: CompiledTable, columns: string[], query: string): string {
  const keys = table.uniqueKey ?? [];
  return (
    `merge ${bigqueryReference(table.target)} DATAFORM_DEST\nusing (${query}\n) DATAFORM_SOURCE\n` +
    `on ${keys.map((key) => `DATAFORM_DEST.${key} = DATAFORM_SOURCE.${key}`).join(" and ")}${mergeConditions(table)}\n` +
    `when matched then\n  update set ${columns.map((column) => `${quoteColumn(column)} = DATAFORM_SOURCE.${column}`).join(",")}\n` +
    `when not matched then\n  insert (${columns.map(quoteColumn).join(",")}) values (${columns.map(quoteColumn).join(",")})`
  );
}

export function insertOverwriteSql(table: CompiledTable, columns: string[], query: string, tempName: string): string {
  const partition = table.bigquery?.partitionBy ?? "";
  const list = columns.map(quoteColumn).join(",");
  return [
    `CREATE OR REPLACE TEMP TABLE \`${tempName}\` AS (\n  ${query}\n);`,
    "BEGIN",
    `  DECLARE partitions_for_replacement DEFAULT (ARRAY(SELECT DISTINCT ${partition} FROM \`${tempName}\` WHERE ${partition} IS NOT NULL));`,
    `  MERGE ${bigqueryReference(table.target)} DATAFORM_DEST USING \`${tempName}\` DATAFORM_SOURCE ON FALSE`,
    `  WHEN NOT MATCHED BY SOURCE AND ${partition} IN UNNEST(partitions_for_replacement)${mergeConditions(table)}`,
    "  THEN DELETE",
    `  WHEN NOT MATCHED BY TARGET THEN INSERT (${list}) VALUES (${list});`,
    "END;",
    `DROP TABLE IF EXISTS \`${tempName}\`;`,
  ].join("\n");
}

/** A summary of the onSchemaChange procedure Dataform emits; it is shown, not run, locally. */
export function schemaChangeSql(table: CompiledTable, query: string): string {
  const target = table.target;
  const procedure = `\`${target.database ? `${target.database}.` : ""}${target.schema}.df_osc_<id>\``;
  return [
    `CREATE OR REPLACE PROCEDURE ${procedure}() OPTIONS(strict_mode=false)`,
    "BEGIN",
    `  CREATE OR REPLACE TABLE \`${target.schema}.${target.name}_df_temp_<id>_empty\` AS (SELECT * FROM (${query}) AS insertions LIMIT 0);`,
    `  -- compare INFORMATION_SCHEMA.COLUMNS of the target and the new query; onSchemaChange = ${table.onSchemaChange}`,
    "END;",
    `BEGIN CALL ${procedure}(); EXCEPTION WHEN ERROR THEN DROP PROCEDURE IF EXISTS ${procedure}; RAISE; END;`,
    `DROP PROCEDURE IF EXISTS ${procedure}`,
  ].join("\n");
}

export function assertionViewSql(target: Target, query: string): string {
  return `\n      create or replace view ${bigqueryReference(target)} as ${query}`;
}

export function assertionCountSql(target: Target): string {
  return `select sum(1) as row_count from ${bigqueryReference(target)}`;
}

/**
 * Turns each selected action into the tasks `dataform run` would execute, in BigQuery SQL (what
 * Dataform sends) and in DuckDB SQL (what runs locally). Decisions come from the warehouse snapshot
 * taken before the run, as in Dataform.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CompiledTable } from "../graph/compiledGraph.js";
import type { GraphAction } from "../graph/actionGraph.js";
import { duckdbReference, localName } from "../graph/targets.js";
import { TranspileError, type ParsePosition } from "../transpile/errors.js";
import { declaredVariables } from "../transpile/rewriteBigquery.js";
import { transpileExpression, transpileStatement, transpileToDuckdb } from "../transpile/transpileToDuckdb.js";
import type { RelationInfo } from "../warehouse/duckdbWarehouse.js";
import {
  assertionCountSql,
  assertionViewSql,
  baseTableType,
  concatenateStatements,
  createOrReplaceSql,
  incrementalQuery,
  insertOverwriteSql,
  insertSql,
  mergeSql,
  schemaChangeSql,
} from "./bigquerySql.js";
import { reconcileSchema } from "./reconcileSchema.js";

export interface TaskResult {
  /** For assertion tasks: the number of rows the assertion query returned. */
  rowCount?: number;
}

export interface PlannedTask {
  type: "statement" | "assertion";
  /** What Dataform sends to BigQuery for this task. */
  bigquerySql: string;
  /** The DuckDB statements that run locally (schema changes add ALTERs at run time). */
  duckdbSql: string[];
  run(connection: DuckDBConnection): Promise<TaskResult>;
}

export interface PlannedAction {
  action: GraphAction;
  tasks: PlannedTask[];
  /** How a table is written this run; undefined for operations and assertions. */
  writeMode?: "create" | "incremental";
  /** A problem found while planning (for example SQL that cannot be translated); the action fails with it. */
  planError?: string;
  /** For a parse error of the translator: where, to point into the model file. */
  planErrorPosition?: ParsePosition;
}

export interface PlanOptions {
  fullRefresh?: boolean;
}

export type WarehouseSnapshot = Map<string, RelationInfo>;

export function planAction(action: GraphAction, snapshot: WarehouseSnapshot, options: PlanOptions): PlannedAction {
  if (action.disabled) return { action, tasks: [] };
  try {
    switch (action.kind) {
      case "table":
        return planTable(action, action.table, snapshot, options);
      case "operation":
        return { action, tasks: (action.operation.queries ?? []).map((query) => statementTask(query, transpileToDuckdb(query, action.fileName))) };
      case "assertion": {
        const view = duckdbReference(action.target);
        return {
          action,
          tasks: [
            statementTask(assertionViewSql(action.target, action.assertion.query), [
              `CREATE OR REPLACE VIEW ${view} AS ${transpileStatement(action.assertion.query, action.fileName)}`,
            ]),
            assertionTask(assertionCountSql(action.target), `SELECT sum(1) AS row_count FROM ${view}`),
          ],
        };
      }
    }
  } catch (error) {
    const position = error instanceof TranspileError ? error.position : undefined;
    return { action, tasks: [], planError: (error as Error).message, ...(position ? { planErrorPosition: position } : {}) };
  }
}

function statementTask(bigquerySql: string, duckdbSql: string[]): PlannedTask {
  return {
    type: "statement",
    bigquerySql,
    duckdbSql,
    run: async (connection) => {
      for (const statement of duckdbSql) await connection.run(statement);
      return {};
    },
  };
}

function assertionTask(bigquerySql: string, duckdbSql: string): PlannedTask {
  return {
    type: "assertion",
    bigquerySql,
    duckdbSql: [duckdbSql],
    run: async (connection) => {
      const rows = (await connection.runAndReadAll(duckdbSql)).getRows();
      const value = rows[0]?.[0];
      return { rowCount: value === null || value === undefined ? 0 : Number(value) };
    },
  };
}

/**
 * The column of a BigQuery partitioning expression: `d`, `DATE(ts)`, `TIMESTAMP_TRUNC(ts, DAY)`,
 * `RANGE_BUCKET(n, ...)`. Each is monotone in its column, so ordering by the column orders the
 * partitions. Ingestion-time partitioning (`_PARTITIONDATE`, `_PARTITIONTIME`) has no column.
 */
export function partitionColumn(partitionBy: string): string | undefined {
  const column = /^\s*(?:\w+\s*\(\s*)?`?(\w+)`?/.exec(partitionBy)?.[1];
  return column && !column.toUpperCase().startsWith("_PARTITION") ? column : undefined;
}

/**
 * A table BigQuery partitions is written in partition order: DuckDB then skips the row groups whose
 * min/max rule out a date filter, as BigQuery prunes partitions, and later runs append new dates
 * after the old ones. Without it, an incremental run scans every row of the tables it reads.
 */
function inPartitionOrder(table: CompiledTable, query: string, baseType: "table" | "view"): string {
  const column = table.bigquery?.partitionBy ? partitionColumn(table.bigquery.partitionBy) : undefined;
  if (baseType !== "table" || !column) return query;
  return `SELECT * FROM (${query}\n) AS partitioned ORDER BY ${quote(column)}`;
}

/** A materialized view has no DuckDB counterpart; it is kept as a table locally. */
function localBaseType(table: CompiledTable): "table" | "view" {
  return table.materialized ? "table" : baseTableType(table);
}

function planTable(
  action: GraphAction,
  table: CompiledTable,
  snapshot: WarehouseSnapshot,
  options: PlanOptions,
): PlannedAction {
  if (table.jitCode) {
    throw new Error("just-in-time compiled actions (jitCode) are not supported by the local runner");
  }
  const existing = snapshot.get(localName(table.target));
  const target = duckdbReference(table.target);
  const baseType = localBaseType(table);
  const writeIncrementally =
    table.type === "incremental" && (!options.fullRefresh || table.protected === true) && existing !== undefined && existing.type !== "VIEW";

  const bigqueryPieces: string[] = [];
  const before: string[] = [];
  const after: string[] = [];
  const preOps = writeIncrementally ? table.incrementalPreOps ?? [] : table.preOps ?? [];
  const postOps = writeIncrementally ? table.incrementalPostOps ?? [] : table.postOps ?? [];
  // Variables a pre-operation DECLAREs are visible to the rest of the BigQuery script.
  const variables = preOps.flatMap((op) => declaredVariables(op));
  for (const op of preOps) {
    bigqueryPieces.push(op);
    before.push(...transpileToDuckdb(op, table.fileName));
  }
  if (existing && existing.type !== (baseType === "view" ? "VIEW" : "TABLE")) {
    const drop = `drop ${baseType === "table" ? "view" : "table"} if exists`;
    bigqueryPieces.push(`${drop} \`${action.name}\``);
    before.push(`${drop.toUpperCase()} ${target}`);
  }
  for (const op of postOps) after.push(...transpileToDuckdb(op, table.fileName, variables));

  if (!writeIncrementally) {
    bigqueryPieces.push(createOrReplaceSql(table), ...postOps);
    const query = transpileStatement(table.query, table.fileName, variables);
    const create = `CREATE OR REPLACE ${baseType === "view" ? "VIEW" : "TABLE"} ${target} AS ${inPartitionOrder(table, query, baseType)}`;
    return {
      action,
      writeMode: "create",
      tasks: [statementTask(concatenateStatements(bigqueryPieces), [...before, create, ...after])],
    };
  }

  const columns = existing!.columns.map((column) => column.name);
  const query = incrementalQuery(table);
  const onSchemaChange = table.onSchemaChange ?? "IGNORE";
  const dml = (dmlColumns: string[]) => incrementalDml(table, dmlColumns, query, variables);
  if (onSchemaChange !== "IGNORE") bigqueryPieces.push(schemaChangeSql(table, query));
  bigqueryPieces.push(dml(columns).bigquery, ...postOps);
  const bigquerySql = concatenateStatements(bigqueryPieces);
  const plannedDml = dml(columns).duckdb;

  if (onSchemaChange === "IGNORE") {
    return { action, writeMode: "incremental", tasks: [statementTask(bigquerySql, [...before, ...plannedDml, ...after])] };
  }
  const duckdbQuery = transpileStatement(query, table.fileName, variables);
  return {
    action,
    writeMode: "incremental",
    tasks: [
      {
        type: "statement",
        bigquerySql,
        duckdbSql: [...before, `-- onSchemaChange ${onSchemaChange}: compare DESCRIBE of the new query with ${target}`, ...plannedDml, ...after],
        run: async (connection) => {
          for (const statement of before) await connection.run(statement);
          const newColumns = await reconcileSchema(connection, {
            target,
            strategy: onSchemaChange,
            uniqueKey: table.uniqueKey ?? [],
            existing: existing!.columns,
            query: duckdbQuery,
            fileName: table.fileName,
          });
          for (const statement of [...dml(newColumns).duckdb, ...after]) await connection.run(statement);
          return {};
        },
      },
    ],
  };
}

/**
 * The incremental write in both dialects: INSERT, MERGE or partition overwrite. The DuckDB
 * statements are assembled here around the translated query, because polyglot leaves a MERGE's
 * source subquery untranslated.
 */
function incrementalDml(
  table: CompiledTable,
  columns: string[],
  query: string,
  variables: string[],
): { bigquery: string; duckdb: string[] } {
  const fileName = table.fileName;
  const target = duckdbReference(table.target);
  const source = transpileStatement(query, fileName, variables);
  const list = columns.map(quote).join(", ");
  const insertFrom = (relation: string) => `INSERT INTO ${target} (${list}) SELECT ${list} FROM ${relation}`;
  const conditions = extraConditions(table).map((condition) => ` AND ${transpileExpression(condition, fileName, variables)}`).join("");
  // The new rows go into a temp table first, so that they can decide what to delete before they are inserted.
  const tempName = `staging_table_temp_${table.target.name}`;
  const temp = quote(tempName);
  const replaceThroughTemp = (deletions: string[]) => [
    `CREATE OR REPLACE TEMP TABLE ${temp} AS ${source}`,
    ...deletions,
    insertFrom(temp),
    `DROP TABLE ${temp}`,
  ];

  if (table.incrementalStrategy === "INSERT_OVERWRITE") {
    const partition = table.bigquery?.partitionBy;
    if (!partition) throw new Error("INSERT_OVERWRITE needs bigquery.partitionBy");
    const partitionExpression = transpileExpression(partition, fileName, variables);
    return {
      bigquery: insertOverwriteSql(table, columns, query, tempName),
      duckdb: replaceThroughTemp([
        `DELETE FROM ${target} AS DATAFORM_DEST WHERE ${partitionExpression} IN ` +
          `(SELECT DISTINCT ${partitionExpression} FROM ${temp} WHERE ${partitionExpression} IS NOT NULL)${conditions}`,
      ]),
    };
  }
  const keys = table.uniqueKey ?? [];
  if (keys.length === 0) {
    return { bigquery: insertSql(table.target, columns, query), duckdb: [insertFrom(`(${source}) AS insertions`)] };
  }
  // DuckDB's MERGE updates matched rows in place, which costs several times a delete and an
  // insert of the same rows, and it lets the last of several source rows for one target row win,
  // where BigQuery refuses the statement. So: the new rows into a temp table, BigQuery's refusal,
  // then delete what they replace and insert them.
  const keyMatch = keys.map((key) => `DATAFORM_DEST.${quote(key)} = DATAFORM_SOURCE.${quote(key)}`).join(" AND ");
  const keyText = keys.map((key) => `CAST(ANY_VALUE(DATAFORM_DEST.${quote(key)}) AS VARCHAR)`).join(` || ', ' || `);
  const matches = `${keyMatch}${conditions}${partitionRange(table, variables)}`;
  return {
    bigquery: mergeSql(table, columns, query),
    duckdb: replaceThroughTemp([
      `SELECT error('UPDATE/MERGE must match at most one source row for each target row (BigQuery refuses this MERGE): ' ||
  'several new rows match the row with the unique key (${keys.join(", ")}) = (' || COALESCE(${keyText}, 'NULL') || ')')
FROM ${target} AS DATAFORM_DEST JOIN ${temp} AS DATAFORM_SOURCE ON ${matches}
GROUP BY DATAFORM_DEST.rowid HAVING COUNT(*) > 1
LIMIT 1`,
      `DELETE FROM ${target} AS DATAFORM_DEST USING ${temp} AS DATAFORM_SOURCE WHERE ${matches}`,
    ]),
  };
}

/**
 * For an updatePartitionFilter `P IN UNNEST(dates)` over a script variable, the same condition as a
 * range, `P BETWEEN min AND max`: DuckDB evaluates the IN per row, but prunes row groups by a range
 * of constants (the table is stored in partition order). It keeps every row the IN keeps.
 */
function partitionRange(table: CompiledTable, variables: string[]): string {
  const match = /^\s*(\w+)\s+IN\s+UNNEST\(\s*(\w+)\s*\)\s*$/i.exec(table.bigquery?.updatePartitionFilter ?? "");
  const [, column, name] = match ?? [];
  if (!column || !name || !variables.some((variable) => variable.toLowerCase() === name.toLowerCase())) return "";
  const dates = `getvariable('${name.toLowerCase()}')`;
  return ` AND DATAFORM_DEST.${quote(column)} BETWEEN list_min(${dates}) AND list_max(${dates})`;
}

/** `updatePartitionFilter` (on the destination) and the non-blank incremental predicates. */
function extraConditions(table: CompiledTable): string[] {
  const bigquery = table.bigquery ?? {};
  const predicates = (bigquery.incrementalPredicates ?? []).filter((predicate) => predicate.trim() !== "");
  return [
    ...(bigquery.updatePartitionFilter ? [`DATAFORM_DEST.${bigquery.updatePartitionFilter}`] : []),
    ...predicates.map((predicate) => `(${predicate})`),
  ];
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

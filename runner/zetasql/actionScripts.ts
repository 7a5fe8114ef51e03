/**
 * Every BigQuery script `dataform run` may send for an action, whatever the state of the
 * warehouse: a table's first build (or --full-refresh) and, for incrementals, the incremental
 * write too; an assertion's view and its count; each operation query; a unit test's two queries.
 * The text is built by the same functions as the runner's --dry-run (execution/bigquerySql.ts).
 */
import type { GraphAction } from "../graph/actionGraph.js";
import type { CompiledTable, CompiledTest } from "../graph/compiledGraph.js";
import {
  assertionCountSql,
  assertionViewSql,
  concatenateStatements,
  createOrReplaceSql,
  incrementalQuery,
  insertOverwriteSql,
  insertSql,
  mergeSql,
} from "../execution/bigquerySql.js";

export interface ActionScript {
  /** What the script does, for the report: "full build", "incremental write", "assertion count"... */
  label: string;
  script: string;
  /** Parts Dataform sends that the service cannot analyze, with the reason. */
  notAnalyzable?: string;
}

export function actionScripts(action: GraphAction, outputColumns: string[]): ActionScript[] {
  switch (action.kind) {
    case "table":
      return tableScripts(action.table, outputColumns);
    case "operation":
      return (action.operation.queries ?? []).map((query, index) => ({ label: `operation query ${index + 1}`, script: query }));
    case "assertion":
      return [
        { label: "assertion view", script: assertionViewSql(action.target, action.assertion.query) },
        { label: "assertion row count", script: assertionCountSql(action.target) },
      ];
  }
}

function tableScripts(table: CompiledTable, columns: string[]): ActionScript[] {
  const scripts: ActionScript[] = [
    {
      label: table.type === "incremental" ? "first build / full refresh" : `create or replace ${table.type}`,
      script: concatenateStatements([...(table.preOps ?? []), createOrReplaceSql(table), ...(table.postOps ?? [])]),
    },
  ];
  if (table.type !== "incremental") return scripts;
  const query = incrementalQuery(table);
  const write =
    table.incrementalStrategy === "INSERT_OVERWRITE"
      ? insertOverwriteSql(table, columns, query, `staging_table_temp_${table.target.name}`)
      : (table.uniqueKey ?? []).length > 0
        ? mergeSql(table, columns, query)
        : insertSql(table.target, columns, query);
  scripts.push({
    label: "incremental write",
    script: concatenateStatements([...(table.incrementalPreOps ?? []), write, ...(table.incrementalPostOps ?? [])]),
  });
  const onSchemaChange = table.onSchemaChange ?? "IGNORE";
  if (onSchemaChange !== "IGNORE") {
    scripts.push({
      label: `onSchemaChange ${onSchemaChange} procedure`,
      script: "",
      notAnalyzable: "Dataform's schema-change procedure is procedural SQL over INFORMATION_SCHEMA, which the ZetaSQL service cannot analyze",
    });
  }
  return scripts;
}

export function testScripts(test: CompiledTest): ActionScript[] {
  return [
    { label: "unit test query", script: test.testQuery },
    { label: "unit test expected rows", script: test.expectedOutputQuery },
  ];
}

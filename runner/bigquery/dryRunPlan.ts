/**
 * What a dry run estimates for each selected action: the statements `dataform run` would send,
 * reduced to ones BigQuery can dry-run. The data a write reads is the data its query reads, so a
 * table write is estimated by dry-running its SELECT; an assertion by its row count; operations and
 * pre/post operations as they are. Dataform's incremental writes are scripts (a temp table, then a
 * MERGE), which BigQuery cannot dry-run (temp tables are not supported in dry runs), so the script
 * steps that read only the temp table and the target partitions are left out, and said so.
 */
import { splitStatements } from "../zetasql/scriptSteps.js";
import type { GraphAction } from "../graph/actionGraph.js";
import { readableName } from "../graph/targets.js";

export type StatementRole = "pre-operation" | "query" | "post-operation" | "operation" | "assertion";

export interface PlannedStatement {
  role: StatementRole;
  sql: string;
}

export type WriteMode = "table" | "view" | "incremental" | "operation" | "assertion" | "disabled";

export interface ActionDryRunPlan {
  name: string;
  kind: GraphAction["kind"];
  mode: WriteMode;
  statements: PlannedStatement[];
  /** Why the estimate can only be a part of what the action processes. */
  caveats: string[];
}

export interface DryRunPlanOptions {
  fullRefresh: boolean;
  /** Readable names (`project.dataset.table`) of the tables that exist now. */
  existingTables: ReadonlySet<string>;
}

// A pre- or post-operation block is one string of several statements (DECLAREs, SETs, DDL): each is
// dry-run on its own, as BigQuery dry-runs a statement, not a script.
const statements = (role: StatementRole, sqls: string[] | undefined): PlannedStatement[] =>
  (sqls ?? []).flatMap((sql) => splitStatements(sql)).map(({ sql }) => ({ role, sql }));

/**
 * Dataform's incremental query: `incrementalQuery`, wrapped by the `where` clause if any (newlines
 * around the query: a trailing `-- comment` would otherwise swallow the parenthesis).
 */
function incrementalSelect(table: Extract<GraphAction, { kind: "table" }>["table"]): string {
  const query = table.incrementalQuery || table.query;
  return table.where ? `select * from (\n${query}\n) as subquery where ${table.where}` : query;
}

function planTable(action: Extract<GraphAction, { kind: "table" }>, options: DryRunPlanOptions): Omit<ActionDryRunPlan, "name" | "kind"> {
  const table = action.table;
  if (table.type === "view") {
    return {
      mode: "view",
      statements: [...statements("pre-operation", table.preOps), { role: "query", sql: table.query }, ...statements("post-operation", table.postOps)],
      caveats: ["creating a view processes no data; the query's bytes are what each read of the view processes"],
    };
  }
  const incremental = table.type === "incremental" && !options.fullRefresh && options.existingTables.has(readableName(action.target));
  if (!incremental) {
    return { mode: "table", statements: [...statements("pre-operation", table.preOps), { role: "query", sql: table.query }, ...statements("post-operation", table.postOps)], caveats: [] };
  }
  const strategy = table.incrementalStrategy === "INSERT_OVERWRITE" ? "INSERT_OVERWRITE" : (table.uniqueKey?.length ?? 0) > 0 ? "MERGE" : "INSERT";
  return {
    mode: "incremental",
    statements: [
      ...statements("pre-operation", table.incrementalPreOps),
      { role: "query", sql: incrementalSelect(table) },
      ...statements("post-operation", table.incrementalPostOps),
    ],
    caveats:
      strategy === "INSERT"
        ? []
        : [`the ${strategy} step also reads the target's matching rows or partitions; BigQuery cannot dry-run it (it reads a temp table the script creates)`],
  };
}

export function planDryRun(actions: GraphAction[], options: DryRunPlanOptions): ActionDryRunPlan[] {
  return actions.map((action): ActionDryRunPlan => {
    const base = { name: action.name, kind: action.kind };
    if (action.disabled) return { ...base, mode: "disabled", statements: [], caveats: [] };
    if (action.kind === "table") return { ...base, ...planTable(action, options) };
    if (action.kind === "operation") return { ...base, mode: "operation", statements: statements("operation", action.operation.queries), caveats: [] };
    return { ...base, mode: "assertion", statements: [{ role: "assertion", sql: `select sum(1) as row_count from (\n${action.assertion.query}\n)` }], caveats: [] };
  });
}

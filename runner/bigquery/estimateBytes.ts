/**
 * Runs a dry-run plan (dryRunPlan.ts) against BigQuery and adds up the bytes each action would
 * process. Every statement is dry-run on its own: BigQuery's dry run of a whole script stops at the
 * first DDL statement and does not support temp tables. Script variables (Dataform pre-operations'
 * DECLAREs) are handled as scriptVariables.ts says, and such estimates are marked: BigQuery cannot
 * prune partitions by a value it does not know yet. A statement that reads a table this same run
 * creates cannot be estimated before that table exists; it is reported, not counted as a failure.
 */
import { bareDeclaration, parseAssignment, parseDeclaration, usedDeclarations, type Declaration } from "./scriptVariables.js";
import type { ActionDryRunPlan, PlannedStatement, WriteMode } from "./dryRunPlan.js";

export interface DryRunResult {
  bytesProcessed: number;
  statementType?: string;
}

/** BigQuery's dry run of one query (jobs.insert with configuration.dryRun). */
export interface DryRunClient {
  dryRun(sql: string): Promise<DryRunResult>;
}

/** BigQuery refused the dry run: invalid SQL, a missing table, no permission. */
export class DryRunRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DryRunRejectedError";
  }
}

export type StatementStatus = "estimated" | "estimated-without-variable-values" | "waits-for-dependency" | "failed";

export interface StatementEstimate {
  role: PlannedStatement["role"] | "declaration" | "assignment";
  /** The SQL that was dry-run. */
  sql: string;
  status: StatementStatus;
  bytesProcessed?: number;
  /** False for a view's query: creating the view does not run it. */
  counted: boolean;
  detail?: string;
}

export interface ActionEstimate {
  name: string;
  kind: ActionDryRunPlan["kind"];
  mode: WriteMode;
  bytesProcessed: number;
  /** Every statement estimated and nothing left out. */
  complete: boolean;
  caveats: string[];
  statements: StatementEstimate[];
}

export interface BytesEstimate {
  actions: ActionEstimate[];
  totalBytesProcessed: number;
  /** Actions with a statement BigQuery rejected for another reason than a table this run creates. */
  failedActions: string[];
}

export interface EstimateOptions {
  /** Readable names (project.dataset.table) of the tables and views the run itself creates. */
  builtByRun: ReadonlySet<string>;
  concurrency?: number;
}

/** `project:dataset.table` or `project.dataset.table` from BigQuery's "Not found" message. */
export function missingRelation(message: string): string | undefined {
  const match = /Not found: (?:Table|Dataset|View) ([\w-]+)[:.]([\w$]+)(?:\.([\w$]+))?/.exec(message);
  if (!match) return undefined;
  return [match[1], match[2], match[3]].filter(Boolean).join(".");
}

function waitsForRun(relation: string | undefined, builtByRun: ReadonlySet<string>): boolean {
  if (!relation) return false;
  // A missing dataset is "project.dataset": the run creates it with its first table there.
  return builtByRun.has(relation) || [...builtByRun].some((name) => name.startsWith(`${relation}.`));
}

async function estimateStatement(
  client: DryRunClient,
  role: StatementEstimate["role"],
  sql: string,
  usesVariables: boolean,
  counted: boolean,
  builtByRun: ReadonlySet<string>,
): Promise<StatementEstimate> {
  try {
    const { bytesProcessed } = await client.dryRun(sql);
    return { role, sql, status: usesVariables ? "estimated-without-variable-values" : "estimated", bytesProcessed, counted };
  } catch (error) {
    if (!(error instanceof DryRunRejectedError)) throw error;
    const relation = missingRelation(error.message);
    if (waitsForRun(relation, builtByRun)) {
      return { role, sql, status: "waits-for-dependency", counted, detail: `reads ${relation}, which this run creates; estimate it once it exists` };
    }
    return { role, sql, status: "failed", counted, detail: error.message };
  }
}

export async function estimateAction(plan: ActionDryRunPlan, client: DryRunClient, builtByRun: ReadonlySet<string>): Promise<ActionEstimate> {
  const declarations: Declaration[] = [];
  const estimates: StatementEstimate[] = [];
  for (const statement of plan.statements) {
    const declaration = parseDeclaration(statement.sql);
    const assignment = declaration ? undefined : parseAssignment(statement.sql);
    const body = declaration ? declaration.defaultExpression : assignment ? assignment.expression : statement.sql;
    if (declaration) declarations.push(declaration);
    if (!body) continue; // DECLARE without DEFAULT reads nothing
    const used = usedDeclarations(body, declaration ? declarations.slice(0, -1) : declarations);
    const variable = declaration?.names[0] ?? assignment?.name;
    const query = variable ? `SELECT ${body} AS ${variable}` : body;
    const sql = used.length > 0 ? [...used.map(bareDeclaration), `${query};`].join("\n") : query;
    const counted = !(plan.mode === "view" && statement.role === "query");
    const role = declaration ? "declaration" : assignment ? "assignment" : statement.role;
    estimates.push(await estimateStatement(client, role, sql, used.length > 0, counted, builtByRun));
  }
  const bytesProcessed = estimates.filter((estimate) => estimate.counted).reduce((sum, estimate) => sum + (estimate.bytesProcessed ?? 0), 0);
  return {
    name: plan.name,
    kind: plan.kind,
    mode: plan.mode,
    bytesProcessed,
    complete: plan.caveats.length === 0 && estimates.every((estimate) => estimate.status === "estimated"),
    caveats: plan.caveats,
    statements: estimates,
  };
}

/** Estimates every action, a few at a time, in plan order. */
export async function estimateBytes(plans: ActionDryRunPlan[], client: DryRunClient, options: EstimateOptions): Promise<BytesEstimate> {
  const results: ActionEstimate[] = new Array(plans.length);
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const index = next++;
      results[index] = await estimateAction(plans[index]!, client, options.builtByRun);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return {
    actions: results,
    totalBytesProcessed: results.reduce((sum, action) => sum + action.bytesProcessed, 0),
    failedActions: results.filter((action) => action.statements.some((statement) => statement.status === "failed")).map((action) => action.name),
  };
}

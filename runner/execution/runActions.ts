/**
 * Executes planned actions with `dataform run` semantics: dependency order, independent actions at
 * the same time, tasks in sequence, retries, failures that skip dependents, assertions that fail on rows.
 *
 * Deviations from Dataform (runner/README.md, "Deviations from Dataform, and why"):
 * - dependents of a skipped action are reported SKIPPED (Dataform leaves them out of the result);
 * - each task runs in a DuckDB transaction, so a failed task leaves its table as it was.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DuckdbWarehouse } from "../warehouse/duckdbWarehouse.js";
import { formatSourceError, locateDuckdbError, locateParseError, type SqlErrorLocation } from "./locateSqlError.js";
import type { PlannedAction, PlannedTask } from "./planActions.js";

export type ActionStatus = "successful" | "failed" | "skipped" | "disabled";
export type TaskStatus = "successful" | "failed" | "skipped";

export interface TaskOutcome {
  type: PlannedTask["type"];
  status: TaskStatus;
  bigquerySql: string;
  duckdbSql: string[];
  attempts: number;
  durationMs: number;
  rowCount?: number;
  error?: string;
}

export interface ActionOutcome {
  name: string;
  kind: PlannedAction["action"]["kind"];
  fileName: string;
  status: ActionStatus;
  writeMode?: "create" | "incremental";
  durationMs: number;
  tasks: TaskOutcome[];
  error?: string;
  /** Where the error sits in the file the analyst edits, when it can be told. */
  location?: SqlErrorLocation;
}

export interface RunResult {
  status: "successful" | "failed";
  durationMs: number;
  actions: ActionOutcome[];
}

export interface RunActionsOptions {
  /** How many actions may run at once. */
  concurrency: number;
  /** Extra attempts per task after a failure (`--action-retry-limit`). */
  retryLimit: number;
  dryRun: boolean;
  /** Declared sources missing from the warehouse, by readable name, to explain failures. */
  missingSources?: Map<string, string>;
  /** The Dataform project, to point SQL errors at the line of the model file. */
  projectDir?: string;
  onActionStart?: (action: PlannedAction) => void;
  onActionEnd?: (outcome: ActionOutcome) => void;
}

/** DuckDB's optimistic concurrency can refuse one of two concurrent catalog changes; retrying helps. */
const TRANSIENT_ERROR = /write-write conflict|Conflict on/i;
const TRANSIENT_RETRIES = 3;

export async function runActions(
  planned: PlannedAction[],
  warehouse: DuckdbWarehouse,
  options: RunActionsOptions,
): Promise<RunResult> {
  const started = performance.now();
  const byName = new Map(planned.map((plan) => [plan.action.name, plan]));
  const outcomes = new Map<string, ActionOutcome>();
  const pending = new Set(byName.keys());
  const running = new Map<string, Promise<void>>();
  const idleConnections: DuckDBConnection[] = [];
  const allConnections: DuckDBConnection[] = [];

  const takeConnection = async () => {
    const connection = idleConnections.pop() ?? (await warehouse.connect());
    if (!allConnections.includes(connection)) allConnections.push(connection);
    return connection;
  };

  const finish = (outcome: ActionOutcome) => {
    outcomes.set(outcome.name, outcome);
    options.onActionEnd?.(outcome);
  };

  try {
    while (pending.size > 0 || running.size > 0) {
      for (const name of [...pending]) {
        const plan = byName.get(name)!;
        const dependencies = plan.action.dependencies.filter((dependency) => byName.has(dependency));
        if (dependencies.some((dependency) => !outcomes.has(dependency))) continue;
        const blocked = dependencies.filter((dependency) => {
          const status = outcomes.get(dependency)!.status;
          return status === "failed" || status === "skipped";
        });
        if (blocked.length > 0) {
          pending.delete(name);
          finish(skippedOutcome(plan, `Skipped because ${blocked.join(", ")} did not succeed.`));
          continue;
        }
        if (running.size >= options.concurrency) continue;
        pending.delete(name);
        options.onActionStart?.(plan);
        const execution = (async () => {
          const connection = await takeConnection();
          try {
            finish(await executeAction(plan, connection, options));
          } finally {
            idleConnections.push(connection);
            running.delete(name);
          }
        })();
        running.set(name, execution);
      }
      if (running.size > 0) await Promise.race(running.values());
      else if (pending.size > 0 && [...pending].every((name) => !isReady(byName.get(name)!, byName, outcomes))) {
        // Only reachable with a dependency cycle, which the Dataform compiler already rejects.
        for (const name of pending) finish(skippedOutcome(byName.get(name)!, "Skipped: dependency cycle."));
        pending.clear();
      }
    }
  } finally {
    for (const connection of allConnections) connection.closeSync();
  }

  const actions = planned.map((plan) => outcomes.get(plan.action.name)!);
  return {
    status: actions.some((action) => action.status === "failed") ? "failed" : "successful",
    durationMs: performance.now() - started,
    actions,
  };
}

function isReady(plan: PlannedAction, byName: Map<string, PlannedAction>, outcomes: Map<string, ActionOutcome>): boolean {
  return plan.action.dependencies.every((dependency) => !byName.has(dependency) || outcomes.has(dependency));
}

function skippedOutcome(plan: PlannedAction, reason: string): ActionOutcome {
  return {
    ...outcomeBase(plan),
    status: "skipped",
    durationMs: 0,
    error: reason,
    tasks: plan.tasks.map((task) => taskOutcome(task, "skipped", 0, 0)),
  };
}

function outcomeBase(plan: PlannedAction): Pick<ActionOutcome, "name" | "kind" | "fileName" | "writeMode"> {
  return { name: plan.action.name, kind: plan.action.kind, fileName: plan.action.fileName, writeMode: plan.writeMode };
}

function taskOutcome(task: PlannedTask, status: TaskStatus, attempts: number, durationMs: number): TaskOutcome {
  return { type: task.type, status, bigquerySql: task.bigquerySql, duckdbSql: task.duckdbSql, attempts, durationMs };
}

async function executeAction(
  plan: PlannedAction,
  connection: DuckDBConnection,
  options: RunActionsOptions,
): Promise<ActionOutcome> {
  const started = performance.now();
  const base = outcomeBase(plan);
  if (plan.planError) {
    const position = plan.planErrorPosition;
    const location = position && options.projectDir ? locateParseError(options.projectDir, plan.action.fileName, position) : undefined;
    const cause = plan.planError.replace(`${plan.action.fileName}: `, "");
    return { ...base, status: "failed", durationMs: 0, tasks: [], ...located(failureMessage(plan, plan.planError, options), location, cause) };
  }
  if (plan.tasks.length === 0) return { ...base, status: "disabled", durationMs: 0, tasks: [] };

  const tasks: TaskOutcome[] = [];
  let error: string | undefined;
  let location: SqlErrorLocation | undefined;
  for (const task of plan.tasks) {
    if (error !== undefined) {
      tasks.push({ ...taskOutcome(task, "skipped", 0, 0), error: "Task skipped after cancellation" });
      continue;
    }
    if (options.dryRun) {
      tasks.push(taskOutcome(task, "successful", 0, 0));
      continue;
    }
    const outcome = await executeTask(task, connection, options.retryLimit);
    tasks.push(outcome);
    if (outcome.status === "failed") {
      const message = outcome.error ?? "unknown error";
      location = options.projectDir ? locateDuckdbError(options.projectDir, plan.action.fileName, task.bigquerySql, task.duckdbSql, message) : undefined;
      ({ error } = located(failureMessage(plan, message, options), location, message));
    }
  }
  return {
    ...base,
    status: error === undefined ? "successful" : "failed",
    durationMs: performance.now() - started,
    tasks,
    error,
    ...(location ? { location } : {}),
  };
}

async function executeTask(task: PlannedTask, connection: DuckDBConnection, retryLimit: number): Promise<TaskOutcome> {
  const started = performance.now();
  let attempts = 0;
  let transientRetries = 0;
  for (;;) {
    attempts++;
    try {
      await connection.run("BEGIN TRANSACTION");
      const result = await task.run(connection);
      await connection.run("COMMIT");
      const outcome = { ...taskOutcome(task, "successful", attempts, performance.now() - started), rowCount: result.rowCount };
      if (task.type === "assertion" && (result.rowCount ?? 0) > 0) {
        return { ...outcome, status: "failed", error: `Assertion failed: query returned ${result.rowCount} row(s).` };
      }
      return outcome;
    } catch (error) {
      await connection.run("ROLLBACK").catch(() => undefined);
      const message = (error as Error).message;
      const transient = TRANSIENT_ERROR.test(message) && transientRetries < TRANSIENT_RETRIES;
      if (transient) {
        transientRetries++;
        attempts--;
        continue;
      }
      if (attempts <= retryLimit) continue;
      return { ...taskOutcome(task, "failed", attempts, performance.now() - started), error: `duckdb error: ${message}` };
    }
  }
}

/** The failure message with the place in the model file (line, caret, translation) after it. */
function located(message: string, location: SqlErrorLocation | undefined, cause: string): { error: string; location?: SqlErrorLocation } {
  if (!location) return { error: message };
  const headline = cause.replace(/^duckdb error: /, "DuckDB ").split("\n")[0]!;
  return { error: `${message}\n${formatSourceError(location, headline)}`, location };
}

function failureMessage(plan: PlannedAction, error: string, options: RunActionsOptions): string {
  const missing = plan.action.dependencies.filter((dependency) => options.missingSources?.has(dependency));
  const hint =
    missing.length > 0
      ? `\n  The declared source ${missing.map((name) => options.missingSources!.get(name)).join(", ")} does not exist in the warehouse yet: load data first (clickstream load).`
      : "";
  return `${plan.action.name} (${plan.action.fileName}) failed: ${error}${hint}`;
}

/**
 * The graph computed by ZetaSQL's reference engine (BigQuery's semantics, in UTC): every table's
 * full-refresh query, in dependency order, over the rows of the declared sources; each request
 * carries only the tables its query reads (the service refuses requests over 4 MB, so inputs must
 * be small). Assertions are evaluated too and return their failing rows.
 */
import type { GraphAction } from "../graph/actionGraph.js";
import { scriptSteps } from "./scriptSteps.js";
import { rewriteForZetasqlBuild } from "./zetasqlGapRewrites.js";
import { simpleCatalog, type SimpleConstant, type ZetasqlService } from "./zetasqlService.js";
import type { Column, ValueProto } from "./zetasqlTypes.js";

export interface ReferenceTable {
  columns: Column[];
  rows: ValueProto[][];
}

export interface ReferenceRun {
  tables: Map<string, ReferenceTable>;
  /** Failing rows per assertion (0 everywhere when the data passes). */
  assertionRows: Map<string, number>;
}

export class ReferenceEvaluationError extends Error {
  constructor(action: string, fileName: string, detail: string) {
    super(`the reference engine could not compute ${action} (${fileName}): ${detail}`);
    this.name = "ReferenceEvaluationError";
  }
}

export interface ReferenceOptions {
  /**
   * Evaluate assertions too. The reference engine evaluates an uncorrelated subquery once per
   * row, so the recent-partition assertions cost O(rows²): keep them for small inputs.
   */
  assertions?: boolean;
}

export async function evaluateGraphOnReference(
  service: ZetasqlService,
  actions: GraphAction[],
  sources: Map<string, ReferenceTable>,
  options: ReferenceOptions = {},
): Promise<ReferenceRun> {
  const tables = new Map(sources);
  const assertionRows = new Map<string, number>();
  const byName = new Map(actions.map((action) => [action.name, action]));
  const done = new Set<string>();
  const evaluate = async (action: GraphAction): Promise<void> => {
    if (done.has(action.name) || action.disabled || action.kind === "operation") return;
    if (action.kind === "assertion" && !options.assertions) return;
    done.add(action.name);
    for (const dependency of action.dependencies) {
      const upstream = byName.get(dependency);
      if (upstream) await evaluate(upstream);
    }
    const inputs = new Map(action.dependencies.flatMap((name) => (tables.has(name) ? [[name, tables.get(name)!] as const] : [])));
    try {
      if (action.kind === "assertion") {
        assertionRows.set(action.name, (await evaluateQuery(service, action.assertion.query, inputs, [])).rows.length);
      } else {
        const constants = await preOperationConstants(service, action.table.preOps ?? [], inputs);
        tables.set(action.name, await evaluateQuery(service, action.table.query, inputs, constants));
      }
    } catch (error) {
      throw new ReferenceEvaluationError(action.name, action.fileName, (error as Error).message);
    }
  };
  for (const action of actions) await evaluate(action);
  return { tables, assertionRows };
}

async function evaluateQuery(service: ZetasqlService, sql: string, inputs: Map<string, ReferenceTable>, constants: SimpleConstant[]): Promise<ReferenceTable> {
  const result = await service.evaluate(rewriteForZetasqlBuild(sql).sql, simpleCatalog([...inputs].map(([name, table]) => [name, table.columns]), constants), new Map([...inputs].map(([name, table]) => [name, { rows: table.rows }])));
  return { columns: result.columns, rows: result.rows };
}

/** Script variables a full build's pre-operations DECLARE, with their computed values. */
async function preOperationConstants(service: ZetasqlService, preOps: string[], inputs: Map<string, ReferenceTable>): Promise<SimpleConstant[]> {
  const constants: SimpleConstant[] = [];
  for (const op of preOps) {
    for (const step of scriptSteps(op)) {
      if (step.kind !== "declare" || step.defaultSql === undefined) continue;
      const value = await evaluateQuery(service, `SELECT ${step.defaultSql}`, inputs, constants);
      for (const name of step.names) constants.push({ name_path: [name], type: value.columns[0]!.type, value: value.rows[0]![0]! });
    }
  }
  return constants;
}

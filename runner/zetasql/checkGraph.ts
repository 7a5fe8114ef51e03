/**
 * BigQuery's verdict, offline: every statement `dataform run` would send for the selected actions,
 * analyzed by ZetaSQL against a catalog of the declared sources' schemas and each upstream
 * action's output schema (itself derived by ZetaSQL, so it is what BigQuery would create).
 */
import type { GraphAction } from "../graph/actionGraph.js";
import type { CompiledTest } from "../graph/compiledGraph.js";
import { actionScripts, testScripts, type ActionScript } from "./actionScripts.js";
import { locateInSource, type SourceLocation } from "./locateInSource.js";
import { scriptSteps } from "./scriptSteps.js";
import { rewriteForZetasqlBuild, type RewrittenSql } from "./zetasqlGapRewrites.js";
import { simpleCatalog, ZetasqlRefusal, type SimpleCatalog, type SimpleConstant, type ZetasqlService } from "./zetasqlService.js";
import { assignable, parseBigqueryType, typeName, UnknownTypeError, type Column, type TypeProto } from "./zetasqlTypes.js";

export type StatementVerdict = "accepted" | "refused" | "not analyzed";

export interface CheckedStatement {
  action: string;
  fileName: string;
  script: string;
  verdict: StatementVerdict;
  /** BigQuery's message (refused) or why the statement could not be analyzed. */
  message?: string;
  /** Where the refused text is in the file the analyst edits. */
  location?: SourceLocation;
  /** The statement as sent (after the rewrites for this ZetaSQL build, if any). */
  sql: string;
  rewrites?: string[];
}

export interface CheckGraphInput {
  projectDir: string;
  /** Every action of the graph (schemas of unselected upstream actions are derived too). */
  actions: GraphAction[];
  /** The names of the actions whose statements are reported. */
  selected: Set<string>;
  /** Declared sources' columns, by readable name; a source missing here makes its readers "not analyzed". */
  sources: Map<string, Column[]>;
  tests?: CompiledTest[];
}

export interface CheckGraphResult {
  statements: CheckedStatement[];
  /** Output columns of every table and view derived, by readable name. */
  schemas: Map<string, Column[]>;
}

export async function checkGraph(service: ZetasqlService, input: CheckGraphInput): Promise<CheckGraphResult> {
  const byName = new Map(input.actions.map((action) => [action.name, action]));
  const schemas = new Map(input.sources);
  const refusedUpstream = new Map<string, string>();
  const statements: CheckedStatement[] = [];

  // The selected actions and everything they read from, dependencies first.
  const order: GraphAction[] = [];
  const visited = new Set<string>();
  const visit = (name: string) => {
    if (visited.has(name)) return;
    visited.add(name);
    const action = byName.get(name);
    if (!action) return;
    for (const dependency of action.dependencies) visit(dependency);
    order.push(action);
  };
  for (const name of input.selected) visit(name);

  for (const action of order) {
    const reported = input.selected.has(action.name);
    const blocked = action.dependencies.map((dependency) => refusedUpstream.get(dependency) ?? missingSource(dependency, schemas, byName)).find(Boolean);
    if (blocked) {
      refusedUpstream.set(action.name, blocked);
      if (reported) statements.push({ action: action.name, fileName: action.fileName, script: "all", verdict: "not analyzed", message: blocked, sql: "" });
      continue;
    }
    // Only the tables the action reads (and itself) go into its catalog: requests stay small.
    const visible = new Map([...action.dependencies, action.name].flatMap((name) => (schemas.has(name) ? [[name, schemas.get(name)!] as const] : [])));
    let columns: Column[] = [];
    let queryRefused = false;
    if (action.kind !== "operation") {
      try {
        columns = await outputColumnsOf(service, action, visible);
        visible.set(action.name, columns);
        schemas.set(action.name, columns);
      } catch (error) {
        if (!(error instanceof ZetasqlRefusal)) throw error;
        // Reported with the script that holds the query, below.
        queryRefused = true;
        refusedUpstream.set(action.name, `upstream ${action.name} (${action.fileName}) is refused by BigQuery`);
      }
    }
    if (!reported) continue;
    let scripts = actionScripts(action, columns.map((column) => column.name));
    if (queryRefused) {
      // Without the query's columns the later scripts would only repeat the refusal, less clearly.
      scripts = scripts.map((script, index) =>
        index === 0 ? script : { ...script, notAnalyzable: "not analyzed: the action's query is refused (see the first build)" },
      );
    }
    const operationScope = action.kind === "operation" ? new Scope(visible) : undefined;
    const checked = await checkScripts(service, input.projectDir, action.name, action.fileName, scripts, visible, operationScope);
    // An operation with an output is read by its dependents with the columns it created.
    const created = operationScope?.table(action.name);
    if (created) schemas.set(action.name, created);
    statements.push(...checked);
    if (checked.some((statement) => statement.verdict === "refused")) {
      refusedUpstream.set(action.name, `upstream ${action.name} (${action.fileName}) is refused by BigQuery`);
    }
    if (action.kind === "assertion") schemas.delete(action.name);
  }
  for (const test of input.tests ?? []) {
    statements.push(...(await checkScripts(service, input.projectDir, `test ${test.name}`, test.fileName, testScripts(test), schemas)));
  }
  return { statements, schemas };
}

function missingSource(dependency: string, schemas: Map<string, Column[]>, byName: Map<string, GraphAction>): string | undefined {
  if (schemas.has(dependency) || byName.has(dependency)) return undefined;
  return `the schema of source ${dependency} is unknown (declare its columns, or load it into the warehouse first)`;
}

/** The columns a table's full-refresh query (its pre-operations' variables in scope) or an assertion's query produces. */
async function outputColumnsOf(service: ZetasqlService, action: Exclude<GraphAction, { kind: "operation" }>, schemas: Map<string, Column[]>): Promise<Column[]> {
  const scope = new Scope(schemas);
  if (action.kind === "assertion") return service.outputColumns(rewriteForZetasqlBuild(action.assertion.query).sql, scope.catalog());
  for (const op of action.table.preOps ?? []) {
    for (const step of scriptSteps(op)) if (step.kind === "declare") await scope.declare(service, step.names, step.typeSql, step.defaultSql);
  }
  return service.outputColumns(rewriteForZetasqlBuild(action.table.query).sql, scope.catalog());
}

/** The tables and script variables visible to one script. */
class Scope {
  private readonly tables: Map<string, Column[]>;
  private readonly variables = new Map<string, TypeProto>();

  constructor(tables: Map<string, Column[]>) {
    this.tables = new Map(tables);
  }

  catalog(): SimpleCatalog {
    return simpleCatalog(this.tables, [...this.variables].map(([name, type]): SimpleConstant => ({ name_path: [name], type, value: {} })));
  }

  addTable(name: string, columns: Column[]): void {
    this.tables.set(name, columns);
  }

  table(name: string): Column[] | undefined {
    return this.tables.get(name);
  }

  variable(name: string): TypeProto | undefined {
    return this.variables.get(name.toLowerCase());
  }

  /** Types the DEFAULT expression and checks it against the declared type; throws ZetasqlRefusal. */
  async declare(service: ZetasqlService, names: string[], typeSql: string | undefined, defaultSql: string | undefined): Promise<void> {
    let declared: TypeProto | undefined;
    if (typeSql) {
      try {
        declared = parseBigqueryType(typeSql);
      } catch (error) {
        if (error instanceof UnknownTypeError) throw new ZetasqlRefusal(`Type not found: ${typeSql}`, undefined, undefined);
        throw error;
      }
    }
    let type = declared;
    if (defaultSql !== undefined) {
      const actual = await this.expressionType(service, defaultSql);
      if (declared && !assignable(actual, declared)) {
        throw new ZetasqlRefusal(`Cannot coerce DEFAULT expression of type ${typeName(actual)} to the declared type ${typeName(declared)}`, 1, 1);
      }
      type ??= actual;
    }
    if (!type) throw new ZetasqlRefusal("DECLARE needs a type or a DEFAULT expression", 1, 1);
    for (const name of names) this.variables.set(name.toLowerCase(), type);
  }

  async expressionType(service: ZetasqlService, expressionSql: string): Promise<TypeProto> {
    const columns = await service.outputColumns(`SELECT ${rewriteForZetasqlBuild(expressionSql).sql}`, this.catalog());
    return columns[0]!.type;
  }
}

/**
 * Each script gets its own variables; the queries of one operation run in sequence, so one shares
 * the tables an earlier one created (`sharedScope`).
 */
async function checkScripts(
  service: ZetasqlService,
  projectDir: string,
  action: string,
  fileName: string,
  scripts: ActionScript[],
  schemas: Map<string, Column[]>,
  sharedScope?: Scope,
): Promise<CheckedStatement[]> {
  const checked: CheckedStatement[] = [];
  for (const { label, script, notAnalyzable } of scripts) {
    if (notAnalyzable) {
      checked.push({ action, fileName, script: label, verdict: "not analyzed", message: notAnalyzable, sql: script });
      continue;
    }
    const scope = sharedScope ?? new Scope(schemas);
    for (const step of scriptSteps(script)) {
      const base = { action, fileName, script: label };
      const stepSql = step.kind === "statement" ? step.sql : script.slice(step.start).split(";")[0]!;
      try {
        if (step.kind === "declare") {
          // BigQuery's own words; ZetaSQL's script parser holds the same rule, which statement-by-statement analysis skips.
          if (step.afterOtherStatements) throw withScriptOffset(new ZetasqlRefusal("Variable declarations are allowed only at the start of a block or script", 1, 1), step.start);
          await withOffset(step.defaultStart, () => scope.declare(service, step.names, step.typeSql, step.defaultSql));
        } else if (step.kind === "set") {
          const variable = scope.variable(step.name);
          if (!variable) throw new ZetasqlRefusal(`Undeclared variable: ${step.name}`, 1, 1);
          const actual = await withOffset(step.expressionStart, () => scope.expressionType(service, step.expressionSql));
          if (!assignable(actual, variable)) throw new ZetasqlRefusal(`Cannot assign a value of type ${typeName(actual)} to variable ${step.name} of type ${typeName(variable)}`, 1, 1);
        } else {
          const rewritten = rewriteForZetasqlBuild(step.sql);
          try {
            await service.analyze(rewritten.sql, scope.catalog());
          } catch (error) {
            throw error instanceof ZetasqlRefusal ? locatedInScript(error, rewritten, step.start) : error;
          }
          await registerCreatedTable(service, rewritten.sql, scope);
          checked.push({ ...base, verdict: "accepted", sql: rewritten.sql, ...(rewritten.applied.length ? { rewrites: rewritten.applied } : {}) });
          continue;
        }
        checked.push({ ...base, verdict: "accepted", sql: stepSql });
      } catch (error) {
        if (!(error instanceof ZetasqlRefusal)) throw error;
        const offset = (error as LocatedRefusal).scriptOffset;
        const location = offset !== undefined ? locateOffset(projectDir, fileName, script, Math.min(offset, script.length)) : undefined;
        checked.push({ ...base, verdict: "refused", message: error.detail, sql: stepSql, ...(location ? { location } : {}) });
        break; // later statements of the script depend on this one
      }
    }
  }
  return checked;
}

/** A refusal whose position is known as an offset in the whole script. */
type LocatedRefusal = ZetasqlRefusal & { scriptOffset?: number };

/** Runs `work` (which analyzes text starting at `start` of the script); positions become script offsets. */
async function withOffset<T>(start: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ZetasqlRefusal) {
      const located = error as LocatedRefusal;
      // Expressions are analyzed as `SELECT expr`: columns on the first line are 7 characters off.
      located.scriptOffset = start + (error.line === 1 && error.column !== undefined ? Math.max(0, error.column - 8) : 0);
    }
    throw error;
  }
}

function withScriptOffset(error: ZetasqlRefusal, offset: number): ZetasqlRefusal {
  (error as LocatedRefusal).scriptOffset = offset;
  return error;
}

/** A statement's refusal, its position (in the text sent, rewritten) turned into an offset in the script. */
function locatedInScript(error: ZetasqlRefusal, rewritten: RewrittenSql, start: number): ZetasqlRefusal {
  if (error.line === undefined || error.column === undefined) return error;
  (error as LocatedRefusal).scriptOffset = start + rewritten.toOriginal(offsetOf(rewritten.sql, error.line, error.column));
  return error;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf("\n", offset);
    if (newline === -1) break;
    offset = newline + 1;
  }
  return offset + column - 1;
}

function locateOffset(projectDir: string, fileName: string, script: string, offset: number): SourceLocation | undefined {
  const before = script.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return locateInSource(projectDir, fileName, script, line, column);
}

/** `CREATE [TEMP] TABLE name ... AS query`: later statements of the script (or operation) read `name`. */
async function registerCreatedTable(service: ZetasqlService, rewritten: string, scope: Scope): Promise<void> {
  const match = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(`[^`]+`|[\w.]+)([\s\S]*)$/i.exec(rewritten);
  const query = match ? /\bAS\s*(\(?\s*(?:SELECT|WITH)\b[\s\S]*)$/i.exec(match[2]!)?.[1] : undefined;
  if (!match || !query) return;
  const name = match[1]!.replace(/`/g, "");
  scope.addTable(name, await service.outputColumns(query.trim().replace(/^\(([\s\S]*)\)$/, "$1"), scope.catalog()));
}

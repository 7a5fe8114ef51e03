/**
 * One build of `clickstream dev`: compile with the real Dataform compiler, find the actions the
 * saves changed, ask BigQuery's offline check about them (on a ZetaSQL service kept for the whole
 * session), rebuild them (and their assertions; their dependents when asked) on the local
 * warehouse, read each built relation's row count and first rows, run the unit tests whose
 * compiled queries changed, rebuild the report when asked.
 *
 * The last good warehouse stays untouched by failures: a compile error or BigQuery's refusal stops
 * before anything runs, and each task runs in a DuckDB transaction (runner/README.md), so a
 * failed statement leaves its table as it was. An action is remembered as built only when it
 * succeeded, so a failed one is retried on the next save.
 */
import { compileProject, CompilationFailedError, type CompileOptions } from "../runner/compile/compileProject.js";
import type { ActionOutcome } from "../runner/execution/runActions.js";
import type { CompiledGraph } from "../runner/graph/compiledGraph.js";
import { addDependents, graphActions } from "../runner/graph/actionGraph.js";
import { readableName } from "../runner/graph/targets.js";
import { runProject } from "../runner/runProject.js";
import { runUnitTests, type UnitTestOutcome } from "../runner/unitTests/runUnitTests.js";
import { DuckdbWarehouse, quoteRelation } from "../runner/warehouse/duckdbWarehouse.js";
import type { CheckedStatement } from "../runner/zetasql/checkGraph.js";
import { checkProject, type CheckReport } from "../runner/zetasql/checkProject.js";
import { ZetasqlUnavailableError } from "../runner/zetasql/installZetasql.js";
import type { ZetasqlService } from "../runner/zetasql/zetasqlService.js";
import { actionFingerprints, changedActions, changedTests, testFingerprints, type Fingerprints } from "./changedActions.js";

export interface DevSessionOptions extends CompileOptions {
  warehousePath: string;
  includeDependents?: boolean;
  fullRefresh?: boolean;
  concurrency?: number;
  /** Rows of each built relation to show. */
  previewRows: number;
  /** The check's service, started once by the caller (who stops it); none skips the check. */
  service?: Promise<ZetasqlService>;
  /** Rebuild the dashboard after a successful build. */
  report?: (warehousePath: string) => Promise<string>;
}

export interface BuiltRelation {
  name: string;
  rows: number;
  columns: string[];
  preview: unknown[][];
}

export type BuildStatus = "unchanged" | "compile error" | "refused" | "failed" | "successful";

export interface DevBuild {
  files: string[];
  status: BuildStatus;
  /** Actions the saves changed (the rebuild also runs their assertions, and dependents when asked). */
  changed: string[];
  removed: string[];
  actions: ActionOutcome[];
  relations: BuiltRelation[];
  unitTests: UnitTestOutcome[];
  check?: CheckReport;
  checkUnavailable?: string;
  compileError?: string;
  report?: string;
  reportError?: string;
  /** Where the time went, in milliseconds (compile, check, run, preview). */
  phases: Record<string, number>;
  /** Save (first of the batch) to the actions' result printed, and to the whole build's end. */
  resultMs?: number;
  durationMs: number;
}

/** Everything the check refused. */
export function refusedStatements(report: CheckReport | undefined): CheckedStatement[] {
  return report?.statements.filter((statement) => statement.verdict === "refused") ?? [];
}

export class DevSession {
  private constructor(
    private readonly options: DevSessionOptions,
    private built: Fingerprints,
    private builtTests: Fingerprints,
  ) {}

  /** Compiles once: the warehouse is taken to be built from the project as it is now. */
  static async start(options: DevSessionOptions): Promise<DevSession> {
    const [graph, testGraph] = await Promise.all([compileProject(options), compileProject(testCompileOptions(options))]);
    return new DevSession(options, actionFingerprints(graph), testFingerprints(testGraph.tests ?? []));
  }

  /**
   * One build for the files saved; `onResult` is called as soon as the actions' results are known
   * (before the unit tests and the report).
   */
  async build(files: string[], savedAt: number, onResult?: (build: DevBuild) => void): Promise<DevBuild> {
    const build: DevBuild = { files, status: "unchanged", changed: [], removed: [], actions: [], relations: [], unitTests: [], phases: {}, durationMs: 0 };
    let mark = performance.now();
    const phase = (name: string) => {
      build.phases[name] = Math.round(performance.now() - mark);
      mark = performance.now();
    };
    const finish = () => ({ ...build, durationMs: performance.now() - savedAt });
    let graph: CompiledGraph;
    try {
      graph = await compileProject(this.options);
      phase("compile");
    } catch (error) {
      if (!(error instanceof CompilationFailedError)) throw error;
      build.status = "compile error";
      build.compileError = error.message;
      build.resultMs = performance.now() - savedAt;
      onResult?.(build);
      return finish();
    }
    const { changed, removed } = changedActions(this.built, graph, files);
    build.changed = changed;
    build.removed = removed;
    if (changed.length > 0) {
      const selected = this.selection(graph, changed);
      const accepted = !this.options.service || (await this.check(graph, selected, build));
      phase("check");
      if (!accepted) {
        build.status = "refused";
      } else {
        const run = await runProject({
          ...this.options,
          graph,
          warehousePath: this.options.warehousePath,
          selection: { actions: selected },
          fullRefresh: this.options.fullRefresh,
          concurrency: this.options.concurrency ?? 4,
        });
        phase("run");
        build.actions = run.result.actions;
        build.status = run.result.status;
        const now = actionFingerprints(graph);
        for (const outcome of run.result.actions) {
          if (outcome.status === "successful" || outcome.status === "disabled") this.built.set(outcome.name, now.get(outcome.name)!);
        }
        build.relations = await this.readRelations(graph, run.result.actions.filter((outcome) => outcome.status === "successful" && outcome.kind === "table"));
        phase("preview");
      }
    }
    for (const name of removed) this.built.delete(name);
    build.resultMs = performance.now() - savedAt;
    onResult?.(build);

    // The unit tests' graph compiles after the result is shown: on a small machine compiling both
    // at once would delay the result.
    const tests = build.status === "compile error" ? undefined : await compileProject(testCompileOptions(this.options)).catch(() => undefined);
    if (tests) {
      const toRun = changedTests(this.builtTests, tests.tests ?? [], files);
      if (toRun.length > 0) {
        const scratch = await DuckdbWarehouse.open(":memory:");
        build.unitTests = await runUnitTests(toRun, scratch).finally(() => scratch.close());
        const now = testFingerprints(tests.tests ?? []);
        for (const outcome of build.unitTests) if (outcome.status === "passed") this.builtTests.set(outcome.name, now.get(outcome.name)!);
        if (build.status !== "refused" && build.status !== "failed" && build.unitTests.some((test) => test.status === "failed")) build.status = "failed";
      }
    }
    if (this.options.report && (build.status === "successful" || build.status === "unchanged") && build.actions.length > 0) {
      try {
        build.report = await this.options.report(this.options.warehousePath);
      } catch (error) {
        build.reportError = (error as Error).message;
      }
    }
    return finish();
  }

  /** The changed actions, their dependents when asked, and the assertions on any of them. */
  private selection(graph: CompiledGraph, changed: string[]): string[] {
    const actions = graphActions(graph);
    const selected = new Set(changed);
    if (this.options.includeDependents) addDependents(actions, selected);
    for (const action of actions) {
      if (action.kind === "assertion" && action.dependencies.some((dependency) => selected.has(dependency))) selected.add(action.name);
    }
    return actions.filter((action) => selected.has(action.name)).map((action) => action.name);
  }

  /** True when the run may go on: accepted, or the check cannot run on this platform (said in the build). */
  private async check(graph: CompiledGraph, selected: string[], build: DevBuild): Promise<boolean> {
    try {
      build.check = await checkProject({ ...this.options, graph, selection: { actions: selected }, service: this.options.service, warehousePath: this.options.warehousePath });
    } catch (error) {
      if (!(error instanceof ZetasqlUnavailableError)) throw error;
      build.checkUnavailable = error.message;
      return true;
    }
    return refusedStatements(build.check).length === 0;
  }

  private async readRelations(graph: CompiledGraph, outcomes: ActionOutcome[]): Promise<BuiltRelation[]> {
    if (outcomes.length === 0) return [];
    const targets = new Map((graph.tables ?? []).map((table) => [readableName(table.target), table.target]));
    const warehouse = await DuckdbWarehouse.open(this.options.warehousePath, { readOnly: true });
    try {
      const relations: BuiltRelation[] = [];
      for (const outcome of outcomes) {
        const target = targets.get(outcome.name);
        if (!target) continue;
        const relation = quoteRelation(target.schema, target.name);
        const [count] = await warehouse.query<{ rows: bigint }>(`SELECT count(*) AS rows FROM ${relation}`);
        const reader = await warehouse.connection.runAndReadAll(`SELECT * FROM ${relation} LIMIT ${this.options.previewRows}`);
        relations.push({ name: outcome.name, rows: Number(count?.rows ?? 0), columns: reader.columnNames(), preview: reader.getRowsJson() as unknown[][] });
      }
      return relations;
    } finally {
      warehouse.close();
    }
  }
}

function testCompileOptions(options: CompileOptions): CompileOptions {
  // Incremental models are unit-tested as views: see includes/recompute.ts UNIT_TESTS.
  return { ...options, vars: { unit_tests: "true", ...options.vars } };
}

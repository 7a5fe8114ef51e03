/**
 * `run` on the embedded warehouse: compile with the real Dataform CLI, select, snapshot, plan, execute.
 */
import { existsSync } from "node:fs";
import { compileProject, type CompileOptions } from "./compile/compileProject.js";
import type { CompiledGraph } from "./graph/compiledGraph.js";
import { graphActions, selectActions, type Selection } from "./graph/actionGraph.js";
import { localName, readableName } from "./graph/targets.js";
import { planAction, type PlannedAction } from "./execution/planActions.js";
import { runActions, type ActionOutcome, type RunResult } from "./execution/runActions.js";
import { DuckdbWarehouse } from "./warehouse/duckdbWarehouse.js";

export interface RunProjectOptions extends CompileOptions {
  warehousePath: string;
  selection?: Selection;
  fullRefresh?: boolean;
  dryRun?: boolean;
  disableAssertions?: boolean;
  retryLimit?: number;
  concurrency?: number;
  /** A graph compiled earlier with the same options; skips compilation. */
  graph?: CompiledGraph;
  onActionStart?: (action: PlannedAction) => void;
  onActionEnd?: (outcome: ActionOutcome) => void;
}

export interface ProjectRun {
  graph: CompiledGraph;
  planned: PlannedAction[];
  result: RunResult;
}

export async function runProject(options: RunProjectOptions): Promise<ProjectRun> {
  const graph = options.graph ?? (await compileProject(options));
  const actions = graphActions(graph, { disableAssertions: options.disableAssertions });
  const selected = selectActions(actions, options.selection ?? {});

  // A dry run must not create the warehouse file or change it.
  const dryRunWithoutFile = options.dryRun && !existsSync(options.warehousePath);
  const warehouse = await DuckdbWarehouse.open(dryRunWithoutFile ? ":memory:" : options.warehousePath, {
    readOnly: options.dryRun && !dryRunWithoutFile,
    // Models never depend on the order rows were written in (unit tests run elsewhere, with ORDER BY).
    preserveInsertionOrder: false,
  });
  try {
    if (!options.dryRun) {
      const existing = await warehouse.schemas();
      for (const schema of new Set(selected.map((action) => action.target.schema))) {
        if (!existing.has(schema)) await warehouse.ensureSchema(schema);
      }
    }
    const snapshot = await warehouse.relations();
    const missingSources = new Map(
      (graph.declarations ?? [])
        .filter((declaration) => !snapshot.has(localName(declaration.target)))
        .map((declaration) => [readableName(declaration.target), localName(declaration.target)]),
    );
    const planned = selected.map((action) => planAction(action, snapshot, { fullRefresh: options.fullRefresh }));
    const result = await runActions(planned, warehouse, {
      concurrency: options.concurrency ?? 4,
      retryLimit: options.retryLimit ?? 0,
      dryRun: options.dryRun ?? false,
      missingSources,
      projectDir: options.projectDir,
      onActionStart: options.onActionStart,
      onActionEnd: options.onActionEnd,
    });
    return { graph, planned, result };
  } finally {
    warehouse.close();
  }
}

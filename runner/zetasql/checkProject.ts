/**
 * `clickstream check`, and the check `run` does first: compile (or take a compiled graph), select
 * actions as `run` does, take the declared sources' schemas, and ask ZetaSQL about every statement.
 */
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheDir, hashFiles, newKeyHash, readCached, writeCached } from "../cache/keyedJsonCache.js";
import { RAW_TABLES } from "../../loaders/rawTables.js";
import { compileProject, type CompileOptions } from "../compile/compileProject.js";
import { graphActions, selectActions, type Selection } from "../graph/actionGraph.js";
import type { CompiledDeclaration, CompiledGraph, CompiledTest } from "../graph/compiledGraph.js";
import { localName, readableName } from "../graph/targets.js";
import { DuckdbWarehouse } from "../warehouse/duckdbWarehouse.js";
import { checkGraph, type CheckedStatement } from "./checkGraph.js";
import { ZetasqlService } from "./zetasqlService.js";
import { parseBigqueryType, typeFromDuckdb, type Column } from "./zetasqlTypes.js";

export interface CheckProjectOptions extends CompileOptions {
  graph?: CompiledGraph;
  selection?: Selection;
  /** Unit tests to analyze too (compiled with the unit-test vars). */
  tests?: CompiledTest[];
  /** A warehouse file whose tables give the schemas of sources the loaders do not define. */
  warehousePath?: string;
  /** A service started by the caller (who stops it); otherwise one is started and stopped here. */
  service?: Promise<ZetasqlService>;
  log?: (line: string) => void;
}

export interface CheckReport {
  statements: CheckedStatement[];
  actions: number;
  durationMs: number;
  /** The verdicts of an identical check earlier (same statements, sources, checker and ZetaSQL). */
  reused?: boolean;
}

/** The checker's code (this folder, the lexer and graph code it uses) and its pinned ZetaSQL build are part of a verdict's key. */
const CHECKER_DIR = dirname(fileURLToPath(import.meta.url));

export async function checkProject(options: CheckProjectOptions): Promise<CheckReport> {
  const started = performance.now();
  // The service starts while Dataform compiles.
  const servicePromise = options.service ?? ZetasqlService.start(options.log);
  servicePromise.catch(() => undefined);
  const graph = options.graph ?? (await compileProject(options));
  const actions = graphActions(graph);
  const selected = selectActions(actions, options.selection ?? {}).filter((action) => !action.disabled);
  const sources = await sourceSchemas(graph, options.warehousePath);
  const input = { actions, selected: new Set(selected.map((action) => action.name)), sources, tests: options.tests };
  // A check whose every statement was accepted is not repeated while nothing it depends on changes.
  const key = hashFiles(
    newKeyHash({ ...input, selected: [...input.selected], sources: [...sources] }),
    CHECKER_DIR,
    [".", "../transpile/lexBigquery.ts", "../graph"],
  ).digest("hex");
  const dir = cacheDir(options.projectDir, "check");
  const accepted = readCached<CheckedStatement[]>(dir, key);
  if (accepted) {
    if (!options.service) void servicePromise.then((service) => service.close(), () => undefined);
    return { statements: accepted, actions: selected.length, durationMs: performance.now() - started, reused: true };
  }
  const service = await servicePromise;
  try {
    const { statements } = await checkGraph(service, { projectDir: options.projectDir, ...input });
    if (statements.every((statement) => statement.verdict === "accepted")) writeCached(dir, key, statements);
    return { statements, actions: selected.length, durationMs: performance.now() - started };
  } finally {
    if (!options.service) service.close();
  }
}

/**
 * Declared sources' columns in BigQuery types: the raw tables the loaders create (their BigQuery
 * DDL), else the warehouse's tables of the same name (DuckDB types mapped back).
 */
export async function sourceSchemas(graph: CompiledGraph, warehousePath?: string): Promise<Map<string, Column[]>> {
  const schemas = new Map<string, Column[]>();
  const unknown: CompiledDeclaration[] = [];
  for (const declaration of graph.declarations ?? []) {
    const raw = RAW_TABLES[declaration.target.name];
    if (raw) schemas.set(readableName(declaration.target), raw.map((column) => ({ name: column.name, type: parseBigqueryType(column.bigquery) })));
    else unknown.push(declaration);
  }
  if (unknown.length > 0 && warehousePath && warehousePath !== ":memory:" && existsSync(warehousePath)) {
    const warehouse = await DuckdbWarehouse.open(warehousePath, { readOnly: true });
    try {
      const relations = await warehouse.relations();
      for (const declaration of unknown) {
        const relation = relations.get(localName(declaration.target));
        if (relation) schemas.set(readableName(declaration.target), relation.columns.map((column) => ({ name: column.name, type: typeFromDuckdb(column.type) })));
      }
    } finally {
      warehouse.close();
    }
  }
  return schemas;
}

/**
 * What the docs site shows, read from the compiled graph (actions, descriptions, columns, SQL,
 * dependencies), the model files, the warehouse (columns, row counts, freshness, assertions' current
 * result) and the unit tests' outcomes.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CompiledGraph, CompiledTable } from "../runner/graph/compiledGraph.js";
import { readableName } from "../runner/graph/targets.js";
import type { UnitTestOutcome } from "../runner/unitTests/runUnitTests.js";
import { quoteIdentifier, quoteRelation, type DuckdbWarehouse, type RelationInfo } from "../runner/warehouse/duckdbWarehouse.js";
import { editedSourceFile } from "../runner/zetasql/locateInSource.js";

export type EntryKind = "table" | "view" | "incremental" | "operation" | "assertion" | "declaration";

export interface CatalogColumn {
  name: string;
  /** The warehouse's type, when the relation is built. */
  type?: string;
  description?: string;
}

export interface CatalogEntry {
  /** Dataform's readable name (`database.schema.name`): the id used everywhere. */
  name: string;
  schema: string;
  table: string;
  kind: EntryKind;
  disabled: boolean;
  description?: string;
  tags: string[];
  columns: CatalogColumn[];
  /** The file the analyst edits, and its text. */
  sourceFile?: string;
  source?: string;
  /** What Dataform compiled, labelled (query, incremental query, pre-operations, ...). */
  compiled: Array<{ label: string; sql: string }>;
  upstream: string[];
  downstream: string[];
  /** Built relations: rows and the newest data, read when the docs were built. */
  stats?: { relation: "TABLE" | "VIEW"; rows: number; freshness?: { column: string; value: string } };
  /** Assertions: failing rows of the assertion's view on the warehouse now. */
  failingRows?: number;
  unitTests: UnitTestOutcome[];
}

export interface Catalog {
  builtAt: string;
  warehouse?: string;
  entries: CatalogEntry[];
  /** Unit tests whose model could not be told from their name. */
  otherUnitTests: UnitTestOutcome[];
  warnings: string[];
}

export interface ReadCatalogOptions {
  projectDir: string;
  graph: CompiledGraph;
  warehouse?: DuckdbWarehouse;
  warehousePath?: string;
  unitTests?: UnitTestOutcome[];
}

/** Columns holding how new the data is, in order of preference. */
const FRESHNESS_COLUMNS = ["loaded_through", "_loaded_at", "finished_at"];

export async function readCatalog(options: ReadCatalogOptions): Promise<Catalog> {
  const { graph, projectDir } = options;
  const warnings: string[] = [];
  const entries: CatalogEntry[] = [
    ...(graph.declarations ?? []).map((declaration) =>
      entry(projectDir, { ...declaration, fileName: declaration.fileName ?? "" }, "declaration", []),
    ),
    ...(graph.tables ?? []).map((table) => entry(projectDir, table, table.type, tableSql(table))),
    ...(graph.operations ?? []).map((operation) =>
      entry(projectDir, operation, "operation", (operation.queries ?? []).map((sql, index) => ({ label: `query ${index + 1}`, sql }))),
    ),
    ...(graph.assertions ?? []).map((assertion) => entry(projectDir, assertion, "assertion", [{ label: "assertion query", sql: assertion.query }])),
  ];
  const byName = new Map(entries.map((item) => [item.name, item]));
  for (const item of entries) {
    item.upstream = item.upstream.filter((name) => byName.has(name));
    for (const name of item.upstream) byName.get(name)!.downstream.push(item.name);
  }

  if (options.warehouse) {
    const relations = await options.warehouse.relations();
    for (const item of entries) {
      const relation = relations.get(`${item.schema}.${item.table}`);
      if (!relation) continue;
      mergeColumns(item, relation);
      try {
        if (item.kind === "assertion") item.failingRows = await countRows(options.warehouse, relation);
        else item.stats = await relationStats(options.warehouse, relation, graph.tables?.find((table) => readableName(table.target) === item.name));
      } catch (error) {
        warnings.push(`${item.name}: could not read ${relation.schema}.${relation.name}: ${(error as Error).message.split("\n")[0]}`);
      }
    }
  }

  const otherUnitTests: UnitTestOutcome[] = [];
  const models = entries.filter((item) => item.kind !== "assertion" && item.kind !== "declaration").sort((a, b) => b.table.length - a.table.length);
  for (const test of options.unitTests ?? []) {
    // Tests are named after the model they test (journey_paths_test, sessions_summarise_a_session).
    const model = models.find((item) => test.name === item.table || test.name.startsWith(`${item.table}_`));
    if (model) model.unitTests.push(test);
    else otherUnitTests.push(test);
  }
  return { builtAt: new Date().toISOString(), warehouse: options.warehousePath, entries, otherUnitTests, warnings };
}

interface ActionLike {
  target: { database?: string; schema: string; name: string };
  fileName: string;
  tags?: string[];
  dependencyTargets?: Array<{ database?: string; schema: string; name: string }>;
  disabled?: boolean;
  actionDescriptor?: { description?: string; columns?: Array<{ path: string[]; description?: string }> };
}

function entry(projectDir: string, action: ActionLike, kind: EntryKind, compiled: CatalogEntry["compiled"]): CatalogEntry {
  const sourceFile = action.fileName ? editedSourceFile(projectDir, action.fileName) : undefined;
  const sourcePath = sourceFile ? join(projectDir, sourceFile) : undefined;
  return {
    name: readableName(action.target),
    schema: action.target.schema,
    table: action.target.name,
    kind,
    disabled: action.disabled ?? false,
    description: action.actionDescriptor?.description,
    tags: action.tags ?? [],
    columns: (action.actionDescriptor?.columns ?? []).map((column) => ({ name: column.path.join("."), description: column.description })),
    sourceFile,
    source: sourcePath && existsSync(sourcePath) ? readFileSync(sourcePath, "utf8") : undefined,
    compiled: compiled.filter((part) => part.sql.trim() !== ""),
    upstream: [...new Set((action.dependencyTargets ?? []).map(readableName))],
    downstream: [],
    unitTests: [],
  };
}

function tableSql(table: CompiledTable): CatalogEntry["compiled"] {
  const parts = [
    ...(table.preOps ?? []).map((sql) => ({ label: "pre-operation", sql })),
    { label: table.type === "incremental" ? "query (first build, full refresh)" : "query", sql: table.query },
  ];
  if (table.type === "incremental" && table.incrementalQuery && table.incrementalQuery !== table.query) {
    parts.push(...(table.incrementalPreOps ?? []).map((sql) => ({ label: "incremental pre-operation", sql })));
    parts.push({ label: "incremental query", sql: table.incrementalQuery });
  }
  parts.push(...(table.postOps ?? []).map((sql) => ({ label: "post-operation", sql })));
  return parts;
}

/** Documented columns first in the warehouse's order, with their types; columns only documented stay. */
function mergeColumns(item: CatalogEntry, relation: RelationInfo): void {
  const documented = new Map(item.columns.map((column) => [column.name, column]));
  const built = relation.columns.map((column) => ({ name: column.name, type: column.type, description: documented.get(column.name)?.description }));
  const builtNames = new Set(built.map((column) => column.name));
  item.columns = [...built, ...item.columns.filter((column) => !builtNames.has(column.name))];
}

async function countRows(warehouse: DuckdbWarehouse, relation: RelationInfo): Promise<number> {
  const [row] = await warehouse.query<{ rows: bigint }>(`SELECT count(*) AS rows FROM ${quoteRelation(relation.schema, relation.name)}`);
  return Number(row?.rows ?? 0);
}

/** Row count, and the newest value of a load-time column or else of the partition column. */
async function relationStats(warehouse: DuckdbWarehouse, relation: RelationInfo, table: CompiledTable | undefined): Promise<CatalogEntry["stats"]> {
  const names = new Set(relation.columns.map((column) => column.name));
  const partition = table?.bigquery?.partitionBy;
  const column = FRESHNESS_COLUMNS.find((name) => names.has(name)) ?? (partition && names.has(partition) ? partition : undefined);
  const freshness = column ? `, CAST(max(${quoteIdentifier(column)}) AS VARCHAR) AS newest` : "";
  const [row] = await warehouse.query<{ rows: bigint; newest?: string | null }>(
    `SELECT count(*) AS rows${freshness} FROM ${quoteRelation(relation.schema, relation.name)}`,
  );
  const newest = row?.newest ?? undefined;
  return {
    relation: relation.type,
    rows: Number(row?.rows ?? 0),
    ...(column && newest ? { freshness: { column, value: newest } } : {}),
  };
}

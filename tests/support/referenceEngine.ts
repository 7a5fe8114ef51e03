/**
 * The differential test's two sides: the DuckDB warehouse as `clickstream run` leaves it, and the
 * same graph computed by ZetaSQL's reference engine from the same raw rows.
 */
import type { CompiledGraph } from "../../runner/graph/compiledGraph.js";
import { graphActions } from "../../runner/graph/actionGraph.js";
import { duckdbReference, readableName } from "../../runner/graph/targets.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { compareWithReference, type TableComparison } from "../../runner/zetasql/compareWithReference.js";
import { evaluateGraphOnReference, type ReferenceOptions, type ReferenceRun, type ReferenceTable } from "../../runner/zetasql/evaluateGraph.js";
import { sourceSchemas } from "../../runner/zetasql/checkProject.js";
import type { ZetasqlService } from "../../runner/zetasql/zetasqlService.js";
import { toValueProto } from "../../runner/zetasql/zetasqlValues.js";

/** The declared sources' rows in the warehouse, as the reference engine's input tables. */
export async function referenceSources(graph: CompiledGraph, warehousePath: string): Promise<Map<string, ReferenceTable>> {
  const schemas = await sourceSchemas(graph);
  const warehouse = await DuckdbWarehouse.open(warehousePath, { readOnly: true });
  try {
    const sources = new Map<string, ReferenceTable>();
    for (const declaration of graph.declarations ?? []) {
      const name = readableName(declaration.target);
      const columns = schemas.get(name)!;
      const reader = await warehouse.connection.runAndReadAll(
        `SELECT ${columns.map((column) => `"${column.name}"`).join(", ")} FROM ${duckdbReference(declaration.target)}`,
      );
      sources.set(name, { columns, rows: reader.getRowsJson().map((row) => row.map((value, index) => toValueProto(value, columns[index]!.type))) });
    }
    return sources;
  } finally {
    warehouse.close();
  }
}

export async function referenceRun(service: ZetasqlService, graph: CompiledGraph, warehousePath: string, options: ReferenceOptions = {}): Promise<ReferenceRun> {
  return evaluateGraphOnReference(service, graphActions(graph), await referenceSources(graph, warehousePath), options);
}

/** Every table of the graph in the warehouse against the reference engine's result. */
export async function compareGraphTables(graph: CompiledGraph, warehousePath: string, reference: ReferenceRun): Promise<TableComparison[]> {
  const warehouse = await DuckdbWarehouse.open(warehousePath, { readOnly: true });
  try {
    const comparisons: TableComparison[] = [];
    for (const table of graph.tables ?? []) {
      const name = readableName(table.target);
      comparisons.push(await compareWithReference(warehouse.connection, name, duckdbReference(table.target), reference.tables.get(name)!));
    }
    return comparisons;
  } finally {
    warehouse.close();
  }
}

/** What a failed comparison prints: only the tables that differ, with examples. */
export function differences(comparisons: TableComparison[]): string[] {
  return comparisons
    .filter((comparison) => comparison.differingCells > 0 || comparison.columnMismatch)
    .map(
      (comparison) =>
        `${comparison.table}: ${comparison.columnMismatch ?? `${comparison.differingCells} differing cells`} ` +
        `(${comparison.rows.duckdb} rows in DuckDB, ${comparison.rows.reference} in the reference engine)\n  ${comparison.examples.join("\n  ")}`,
    );
}

/**
 * `clickstream docs`: compile (the models, and the unit tests with their vars), read the warehouse
 * when there is one, run the unit tests on DuckDB, write one self-contained HTML file.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { compileProject, type CompileOptions } from "../runner/compile/compileProject.js";
import { runUnitTests } from "../runner/unitTests/runUnitTests.js";
import { DuckdbWarehouse } from "../runner/warehouse/duckdbWarehouse.js";
import { renderCatalogHtml } from "./html/renderCatalogHtml.js";
import { readCatalog, type Catalog } from "./readCatalog.js";

export interface BuildCatalogOptions extends CompileOptions {
  warehousePath: string;
  outPath: string;
}

export interface BuiltCatalog {
  path: string;
  bytes: number;
  catalog: Catalog;
  durationMs: number;
}

export async function buildCatalog(options: BuildCatalogOptions): Promise<BuiltCatalog> {
  const started = performance.now();
  // Incremental models are unit-tested as views: see includes/recompute.ts UNIT_TESTS.
  const [graph, testGraph] = await Promise.all([
    compileProject(options),
    compileProject({ ...options, vars: { unit_tests: "true", ...options.vars } }),
  ]);
  const scratch = await DuckdbWarehouse.open(":memory:");
  const unitTests = await runUnitTests(testGraph.tests ?? [], scratch).finally(() => scratch.close());
  const hasWarehouse = existsSync(options.warehousePath);
  const warehouse = hasWarehouse ? await DuckdbWarehouse.open(options.warehousePath, { readOnly: true }) : undefined;
  let catalog: Catalog;
  try {
    catalog = await readCatalog({ projectDir: options.projectDir, graph, warehouse, warehousePath: hasWarehouse ? options.warehousePath : undefined, unitTests });
  } finally {
    warehouse?.close();
  }
  if (!hasWarehouse) catalog.warnings.push(`No warehouse at ${options.warehousePath}: the site shows no row counts, freshness or assertion results.`);
  const page = renderCatalogHtml(catalog);
  mkdirSync(dirname(options.outPath), { recursive: true });
  writeFileSync(options.outPath, page);
  return { path: options.outPath, bytes: Buffer.byteLength(page), catalog, durationMs: performance.now() - started };
}

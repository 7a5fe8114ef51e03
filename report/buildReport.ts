/**
 * `clickstream report` on the embedded warehouse: read the marts (read-only, so a running job is
 * not blocked), render the charts and write one self-contained HTML file.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { DuckdbWarehouse } from "../runner/warehouse/duckdbWarehouse.js";
import { allChartSvgs, renderReportCharts } from "./charts/renderReportCharts.js";
import { readReportData } from "./data/readReportData.js";
import { WarehouseNotFoundError } from "./errors.js";
import { renderReportHtml } from "./html/renderReportHtml.js";
import type { ReportData } from "./reportData.js";
import { readReportSettings, type SettingsOverrides } from "./reportSettings.js";

export interface BuildReportOptions extends SettingsOverrides {
  warehousePath: string;
  projectDir: string;
  outPath: string;
  periodDays?: number;
}

export interface BuildReportResult {
  path: string;
  bytes: number;
  charts: number;
  /** Vega's warnings while drawing; empty normally. */
  warnings: string[];
  durationMs: number;
  data: ReportData;
}

export async function buildReport(options: BuildReportOptions): Promise<BuildReportResult> {
  const started = performance.now();
  if (!existsSync(options.warehousePath)) throw new WarehouseNotFoundError(options.warehousePath);
  const settings = readReportSettings(options.projectDir, options);
  const warehouse = await DuckdbWarehouse.open(options.warehousePath, { readOnly: true });
  let data: ReportData;
  try {
    data = await readReportData(warehouse, settings, { periodDays: options.periodDays });
  } finally {
    warehouse.close();
  }
  const charts = await renderReportCharts(data);
  const page = renderReportHtml(data, charts);
  mkdirSync(dirname(options.outPath), { recursive: true });
  writeFileSync(options.outPath, page);
  return {
    path: options.outPath,
    bytes: Buffer.byteLength(page),
    charts: allChartSvgs(charts).length,
    warnings: charts.warnings,
    durationMs: performance.now() - started,
    data,
  };
}

import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { MissingTargetSettingError } from "../../loaders/bigquery/errors.js";
import { ReportError } from "../../report/errors.js";
import { LOOKER_STUDIO_MARTS, lookerStudioUrl } from "../../report/lookerStudio/lookerStudioUrl.js";
import { readReportSettings } from "../../report/reportSettings.js";
import { WarehouseOpenError } from "../../runner/warehouse/duckdbWarehouse.js";
import { parseCount, type GlobalOptions } from "../options.js";
import { formatDuration, Output } from "../output.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";

/** The report sits beside its warehouse: target/warehouse.duckdb gives target/report/index.html. */
export function defaultReportPath(warehousePath: string): string {
  return join(dirname(warehousePath), "report", "index.html");
}

export interface ReportFlags {
  /** Defaults to defaultReportPath(warehouse). */
  out?: string;
  periodDays: number;
  vars?: Record<string, string>;
  schemaSuffix?: string;
  project?: string;
}

export function registerReportCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("report")
    .description("build the dashboard: one self-contained HTML file from the marts (duckdb), or a Looker Studio link (bigquery)")
    .option("--out <path>", "where to write the HTML report (duckdb target; default report/index.html beside the warehouse)")
    .option("--period-days <n>", "days in the KPI comparison period (shorter when there is less data)", parseCount, 7)
    .addOption(SHARED_OPTIONS.vars())
    .addOption(SHARED_OPTIONS.schemaSuffix())
    .option("--project <id>", "Google Cloud project of the marts (bigquery target; or GOOGLE_CLOUD_PROJECT; default dataform.json defaultDatabase)")
    .action(async (flags: ReportFlags, command: Command) => {
      setExitCode(await reportCommand(command.optsWithGlobals<GlobalOptions>(), flags));
    });
}

export async function reportCommand(globals: GlobalOptions, flags: ReportFlags): Promise<number> {
  const output = new Output(globals);
  if (globals.target === "bigquery") return printLookerStudioLink(globals, flags, output);
  try {
    // Loaded on demand: the chart libraries take a moment to import, and only this command needs them.
    const { buildReport } = await import("../../report/buildReport.js");
    const result = await buildReport({
      warehousePath: globals.warehouse,
      projectDir: globals.projectDir,
      outPath: flags.out ?? defaultReportPath(globals.warehouse),
      periodDays: flags.periodDays,
      vars: flags.vars,
      schemaSuffix: flags.schemaSuffix,
    });
    const failing = result.data.dataQuality.assertions?.filter((assertion) => assertion.failingRows > 0).length ?? 0;
    output.line(`Wrote ${result.path} (${result.charts} charts, ${Math.round(result.bytes / 1024)} kB) in ${formatDuration(result.durationMs)}.`);
    for (const warning of result.warnings) output.error(`Warning: ${warning}`);
    if (failing > 0) output.line(output.style("yellow", `The report's data-quality panel shows ${failing} failing assertion(s).`));
    output.line(`Open it in a browser: ${pathToFileURL(resolve(result.path)).href}`);
    output.json({
      status: "successful",
      report: result.path,
      bytes: result.bytes,
      charts: result.charts,
      durationMs: Math.round(result.durationMs),
      dataRange: result.data.dataRange,
      period: { current: result.data.kpis.current, previous: result.data.kpis.previous },
      failingAssertions: failing,
    });
    return 0;
  } catch (error) {
    if (!(error instanceof ReportError || error instanceof WarehouseOpenError)) throw error;
    output.error(`Error: ${error.message}`);
    output.json({ status: "failed", error: error.message });
    return 1;
  }
}

function printLookerStudioLink(globals: GlobalOptions, flags: ReportFlags, output: Output): number {
  const settings = readReportSettings(globals.projectDir, flags);
  const projectId = flags.project || process.env["GOOGLE_CLOUD_PROJECT"] || settings.defaultDatabase;
  if (!projectId) throw new MissingTargetSettingError("Google Cloud project", "--project", "GOOGLE_CLOUD_PROJECT");
  const dataset = settings.schemas.marts;
  const url = lookerStudioUrl({ projectId, dataset });
  output.line(`A new Looker Studio report connected to the ${LOOKER_STUDIO_MARTS.length} marts in ${projectId}.${dataset} opens at:`);
  output.line(url);
  output.json({ status: "successful", lookerStudioUrl: url, projectId, dataset, tables: LOOKER_STUDIO_MARTS });
  return 0;
}

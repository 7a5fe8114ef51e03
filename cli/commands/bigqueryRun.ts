/**
 * `clickstream run --target bigquery`: the real `dataform run` with the project's settings and
 * Application Default Credentials; with --dry-run, the bytes each selected action would process,
 * from BigQuery dry runs (runner/bigquery/estimateBytes.ts), and nothing is changed.
 */
import { readFileSync } from "node:fs";
import { compileProject } from "../../runner/compile/compileProject.js";
import { runDataformCli } from "../../runner/bigquery/dataformCli.js";
import { prepareDataformCredentials } from "../../runner/bigquery/dataformCredentials.js";
import type { ActionEstimate, BytesEstimate } from "../../runner/bigquery/estimateBytes.js";
import { resolveWarehouseSettings, type WarehouseSettingFlags } from "../../runner/bigquery/warehouseSettings.js";
import type { GlobalOptions } from "../options.js";
import { Output } from "../output.js";
import type { RunFlags } from "./runCommand.js";

export type BigqueryRunFlags = RunFlags & WarehouseSettingFlags;

export async function runOnBigquery(globals: GlobalOptions, flags: BigqueryRunFlags, selection: { actions?: string[]; tags?: string[] }): Promise<number> {
  if (!flags.dryRun) return runDataformCli("run", globals.projectDir, { ...flags, ...selection, json: false });
  return dryRunOnBigquery(globals, flags, selection);
}

/** Binary units, as BigQuery prices bytes (per TiB). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

async function dryRunOnBigquery(globals: GlobalOptions, flags: BigqueryRunFlags, selection: { actions?: string[]; tags?: string[] }): Promise<number> {
  const output = new Output(globals);
  const settings = resolveWarehouseSettings(flags);
  const graph = await compileProject({
    projectDir: globals.projectDir,
    vars: flags.vars,
    schemaSuffix: flags.schemaSuffix,
    defaultDatabase: flags.defaultDatabase ?? settings.projectId,
  });
  const { createDryRunBigquery } = await import("../../runner/bigquery/bigqueryDryRunClient.js");
  const { estimateGraphBytes } = await import("../../runner/bigquery/estimateGraphBytes.js");
  const credentials = prepareDataformCredentials(globals.projectDir, () => settings);
  try {
    const estimate = await estimateGraphBytes(graph, {
      bigquery: createDryRunBigquery(settings, clientAuth(credentials.credentialsPath, credentials.env)),
      selection: { ...selection, includeDependencies: flags.includeDeps, includeDependents: flags.includeDependents },
      fullRefresh: flags.fullRefresh ?? false,
      disableAssertions: flags.disableAssertions,
    });
    printEstimate(estimate, output, settings.projectId, flags.fullRefresh ?? false);
    output.json({ dryRun: true, target: "bigquery", projectId: settings.projectId, location: settings.location, fullRefresh: flags.fullRefresh ?? false, ...estimate });
    return estimate.failedActions.length === 0 ? 0 : 1;
  } finally {
    credentials.cleanUp();
  }
}

/** The project's own credentials file may carry a key (the user's choice); otherwise ADC, impersonated if asked. */
function clientAuth(credentialsPath: string, env: NodeJS.ProcessEnv): { keyFilename?: string; credentials?: object } {
  const file = JSON.parse(readFileSync(credentialsPath, "utf8")) as { credentials?: string };
  if (file.credentials) return { credentials: JSON.parse(file.credentials) as object };
  const impersonated = env["GOOGLE_APPLICATION_CREDENTIALS"];
  return impersonated && impersonated !== process.env["GOOGLE_APPLICATION_CREDENTIALS"] ? { keyFilename: impersonated } : {};
}

const STATUS_NOTES: Partial<Record<ActionEstimate["statements"][number]["status"], string>> = {
  "estimated-without-variable-values": "estimated without script variables' values (no partition pruning by them)",
};

function actionNote(action: ActionEstimate): string {
  const notes = new Set<string>();
  for (const statement of action.statements) {
    const note = statement.status === "failed" || statement.status === "waits-for-dependency" ? statement.detail : STATUS_NOTES[statement.status];
    if (note) notes.add(note);
  }
  for (const caveat of action.caveats) notes.add(caveat);
  return [...notes].join("; ");
}

function printEstimate(estimate: BytesEstimate, output: Output, projectId: string, fullRefresh: boolean): void {
  output.line(`BigQuery dry run in ${projectId}${fullRefresh ? " (full refresh)" : ""}: bytes each action would process.`);
  const width = Math.max(...estimate.actions.map((action) => action.name.length), 10);
  for (const action of estimate.actions) {
    const failed = action.statements.some((statement) => statement.status === "failed");
    const bytes = action.mode === "disabled" ? "disabled" : formatBytes(action.bytesProcessed);
    const marker = failed ? output.style("red", "✘") : action.complete ? output.style("green", "✔") : output.style("yellow", "~");
    const note = actionNote(action);
    output.line(`${marker} ${action.name.padEnd(width)}  ${action.mode.padEnd(11)} ${bytes.padStart(10)}${note ? output.style("dim", `  ${note}`) : ""}`);
  }
  const incomplete = estimate.actions.filter((action) => !action.complete && action.mode !== "disabled").length;
  output.line(
    `Total: ${formatBytes(estimate.totalBytesProcessed)} (${estimate.totalBytesProcessed} bytes) over ${estimate.actions.length} actions` +
      (incomplete ? `; ${incomplete} estimated in part (see the notes)` : "") +
      ". Nothing was changed.",
  );
  if (estimate.failedActions.length > 0) output.error(`BigQuery rejected the SQL of: ${estimate.failedActions.join(", ")}`);
}

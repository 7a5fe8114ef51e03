import type { Command } from "commander";
import type { RunSelectionFlags } from "../../runner/bigquery/dataformCli.js";
import type { WarehouseSettingFlags } from "../../runner/bigquery/warehouseSettings.js";
import type { PlannedAction } from "../../runner/execution/planActions.js";
import type { ActionOutcome, RunResult } from "../../runner/execution/runActions.js";
import { compileProject } from "../../runner/compile/compileProject.js";
import type { CompiledGraph } from "../../runner/graph/compiledGraph.js";
import { runProject } from "../../runner/runProject.js";
import { ZetasqlService } from "../../runner/zetasql/zetasqlService.js";
import { checkBeforeRun } from "./checkCommand.js";
import { compileOptions, parseCount, splitList, type CompileFlags, type GlobalOptions } from "../options.js";
import { formatDuration, Output } from "../output.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";

export interface RunFlags extends CompileFlags, WarehouseSettingFlags, RunSelectionFlags {
  concurrency?: number;
  /** Commander's `--skip-check`. */
  skipCheck?: boolean;
}

export function registerRunCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("run")
    .description("execute the compiled Dataform graph (dataform run semantics) on the target warehouse")
    .option("--actions <names...>", "run only these actions (name, schema.name or a * pattern)")
    .option("--tags <tags...>", "run only actions with these tags")
    .option("--include-deps", "also run the dependencies of the selected actions")
    .option("--include-dependents", "also run the actions that depend on the selected ones")
    .addOption(SHARED_OPTIONS.fullRefresh())
    .addOption(SHARED_OPTIONS.vars())
    .option("--dry-run", "change nothing: print the SQL each action would run (duckdb), or the bytes each would process (bigquery)")
    .option("--disable-assertions", "skip every assertion")
    .option("--action-retry-limit <n>", "retry each failed task up to n times", parseCount, 0)
    .option("--concurrency <n>", "how many independent actions may run at once (duckdb target)", parseCount, 4)
    .addOption(SHARED_OPTIONS.skipCheck())
    .addOption(SHARED_OPTIONS.schemaSuffix())
    .option("--project <id>", "Google Cloud project (bigquery target; or GOOGLE_CLOUD_PROJECT)")
    .option("--location <location>", "BigQuery location (bigquery target; or CLICKSTREAM_LOCATION, default US)")
    .option("--impersonate-service-account <email>", "run as this service account (bigquery target; or CLICKSTREAM_IMPERSONATE_SERVICE_ACCOUNT)")
    .action(async (flags: RunFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      setExitCode(await runCommand(globals, flags));
    });
}

export async function runCommand(globals: GlobalOptions, flags: RunFlags): Promise<number> {
  const output = new Output(globals);
  const actions = splitList(flags.actions);
  const tags = splitList(flags.tags);
  if (globals.target === "bigquery") {
    // Loaded on demand: the Google client stays out of the local edit loop.
    const { runOnBigquery } = await import("./bigqueryRun.js");
    return runOnBigquery(globals, flags, { actions, tags });
  }
  const selection = { actions, tags, includeDependencies: flags.includeDeps, includeDependents: flags.includeDependents };
  const checking = !flags.skipCheck && !flags.dryRun;
  // The check's service starts while Dataform compiles.
  const service = checking ? ZetasqlService.start((line) => output.error(line)) : undefined;
  service?.catch(() => undefined);
  let graph: CompiledGraph;
  try {
    graph = await compileProject(compileOptions(globals, flags));
    if (service && !(await checkBeforeRun(globals, flags, graph, selection, service, output))) {
      output.json({ status: "refused", warehouse: globals.warehouse });
      return 1;
    }
  } finally {
    void service?.then((started) => started.close(), () => undefined);
  }
  const run = await runProject({
    ...compileOptions(globals, flags),
    graph,
    warehousePath: globals.warehouse,
    selection,
    fullRefresh: flags.fullRefresh,
    dryRun: flags.dryRun,
    disableAssertions: flags.disableAssertions,
    retryLimit: flags.actionRetryLimit,
    concurrency: Math.max(1, flags.concurrency ?? 4),
    onActionEnd: flags.dryRun ? undefined : (outcome) => output.line(actionLine(outcome, output)),
  });
  if (flags.dryRun) printDryRun(run.planned, output);
  printSummary(run.result, output, globals.warehouse, flags.dryRun ?? false);
  output.json({ dryRun: flags.dryRun ?? false, warehouse: globals.warehouse, ...run.result });
  return run.result.status === "successful" ? 0 : 1;
}

const SYMBOLS: Record<ActionOutcome["status"], [string, Parameters<Output["style"]>[0]]> = {
  successful: ["✔", "green"],
  failed: ["✘", "red"],
  skipped: ["↷", "yellow"],
  disabled: ["○", "dim"],
};

export function actionLine(outcome: ActionOutcome, output: Output): string {
  const [symbol, color] = SYMBOLS[outcome.status];
  if (outcome.status === "skipped" || outcome.status === "disabled") {
    return `${output.style(color, symbol)} ${outcome.name} ${output.style("dim", outcome.status)}`;
  }
  const detail = outcome.kind === "table" ? outcome.writeMode ?? "" : outcome.kind;
  const assertionRows = outcome.tasks.find((task) => task.type === "assertion")?.rowCount;
  const extra = outcome.kind === "assertion" && assertionRows !== undefined ? `, ${assertionRows} failing rows` : "";
  let line = `${output.style(color, symbol)} ${outcome.name} ${output.style("dim", `(${detail}${extra}) ${formatDuration(outcome.durationMs)}`)}`;
  if (outcome.status === "failed" && outcome.error) line += `\n    ${output.style("red", outcome.error.replace(/\n/g, "\n    "))}`;
  return line;
}

function printDryRun(planned: PlannedAction[], output: Output): void {
  for (const plan of planned) {
    output.line(output.style("bold", `-- ${plan.action.name} (${plan.action.fileName})${plan.writeMode ? ` [${plan.writeMode}]` : ""}`));
    if (plan.planError) output.line(output.style("red", `-- cannot run locally: ${plan.planError}`));
    if (plan.tasks.length === 0 && !plan.planError) output.line("-- disabled");
    plan.tasks.forEach((task, index) => {
      output.line(output.style("dim", `-- task ${index + 1} (${task.type}), BigQuery SQL as dataform run sends it:`));
      output.line(task.bigquerySql.trim());
      output.line(output.style("dim", "-- runs on DuckDB as:"));
      output.line(task.duckdbSql.map((statement) => `${statement.trim()};`).join("\n"));
    });
    output.line();
  }
}

function printSummary(result: RunResult, output: Output, warehouse: string, dryRun: boolean): void {
  const count = (status: ActionOutcome["status"]) => result.actions.filter((action) => action.status === status).length;
  const parts = [`${count("successful")} successful`];
  for (const status of ["failed", "skipped", "disabled"] as const) if (count(status)) parts.push(`${count(status)} ${status}`);
  const verb = dryRun ? "Planned" : "Ran";
  output.line(
    `${verb} ${result.actions.length} actions in ${formatDuration(result.durationMs)}: ${parts.join(", ")}.` +
      (dryRun ? " Nothing was changed." : ` Warehouse: ${warehouse}`),
  );
  if (result.status === "failed") {
    output.error(`Run failed:\n${result.actions.filter((a) => a.status === "failed").map((a) => `  ${a.error}`).join("\n")}`);
  }
}

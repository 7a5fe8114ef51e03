import type { Command } from "commander";
import { BuildQueue } from "../../devloop/buildQueue.js";
import { DevSession, refusedStatements, type DevBuild } from "../../devloop/devSession.js";
import { previewTable } from "../../devloop/previewTable.js";
import { watchProject } from "../../devloop/watchProject.js";
import { ZetasqlService } from "../../runner/zetasql/zetasqlService.js";
import { compileOptions, parseCount, type CompileFlags, type GlobalOptions, UsageError } from "../options.js";
import { formatDuration, Output } from "../output.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";
import { printCheckReport } from "./checkCommand.js";
import { defaultReportPath } from "./reportCommand.js";
import { actionLine } from "./runCommand.js";

export interface DevFlags extends CompileFlags {
  includeDependents?: boolean;
  fullRefresh?: boolean;
  skipCheck?: boolean;
  report?: boolean;
  rows: number;
  debounce: number;
  concurrency: number;
}

export function registerDevCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("dev")
    .description("the analyst's loop: watch definitions/ and includes/, and on each save check and rebuild the changed actions, run their assertions and unit tests, show their first rows")
    .option("--include-dependents", "also rebuild the actions that depend on the changed ones")
    .addOption(SHARED_OPTIONS.fullRefresh())
    .addOption(SHARED_OPTIONS.vars())
    .addOption(SHARED_OPTIONS.skipCheck())
    .addOption(SHARED_OPTIONS.schemaSuffix())
    .option("--report", "rebuild the dashboard after each successful build")
    .option("--rows <n>", "rows of each rebuilt table to show", parseCount, 5)
    .option("--debounce <ms>", "wait this long after the last save before building", parseCount, 100)
    .option("--concurrency <n>", "how many independent actions may run at once", parseCount, 4)
    .action(async (flags: DevFlags, command: Command) => {
      setExitCode(await devCommand(command.optsWithGlobals<GlobalOptions>(), flags));
    });
}

export async function devCommand(globals: GlobalOptions, flags: DevFlags): Promise<number> {
  if (globals.target === "bigquery") throw new UsageError("dev rebuilds the local warehouse: use --target duckdb (the default).");
  const output = new Output(globals);
  // With --json, one JSON document per line: the session's start, then each build.
  const event = (document: Record<string, unknown>) => {
    if (globals.json) process.stdout.write(`${JSON.stringify(document)}\n`);
  };
  // One ZetaSQL service for the whole session, started while Dataform compiles.
  const service = flags.skipCheck ? undefined : ZetasqlService.start((line) => output.error(line));
  service?.catch(() => undefined);
  const stopService = () => void service?.then((started) => started.close(), () => undefined);
  try {
    const report = flags.report
      ? async (warehousePath: string) => {
          const { buildReport } = await import("../../report/buildReport.js");
          const built = await buildReport({ warehousePath, projectDir: globals.projectDir, outPath: defaultReportPath(warehousePath), periodDays: 7, vars: flags.vars, schemaSuffix: flags.schemaSuffix });
          return built.path;
        }
      : undefined;
    const session = await DevSession.start({
      ...compileOptions(globals, flags),
      warehousePath: globals.warehouse,
      includeDependents: flags.includeDependents,
      fullRefresh: flags.fullRefresh,
      concurrency: Math.max(1, flags.concurrency),
      previewRows: flags.rows,
      service,
      report,
    });
    const queue = new BuildQueue(async (files, savedAt) => {
      output.line(output.style("bold", `↻ ${files.join(", ")}`));
      try {
        const build = await session.build(files, savedAt, (result) => printResult(result, output));
        printAfter(build, output);
        event({ event: "build", ...build });
      } catch (error) {
        output.error(`The build failed unexpectedly: ${(error as Error).stack ?? String(error)}`);
        event({ event: "build", files, status: "error", error: (error as Error).message });
      }
    }, flags.debounce);
    const watcher = await watchProject(globals.projectDir, (file) => queue.saved(file));
    output.line(`Watching definitions/ and includes/ in ${globals.projectDir}; save a file to rebuild its actions on ${globals.warehouse}. Ctrl-C stops.`);
    event({ event: "ready", projectDir: globals.projectDir, warehouse: globals.warehouse });
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await watcher.close();
    await queue.close();
    output.line("Stopped.");
    event({ event: "stopped" });
    return 0;
  } finally {
    stopService();
  }
}

function printResult(build: DevBuild, output: Output): void {
  if (build.status === "compile error") {
    output.error(build.compileError ?? "Dataform compilation failed.");
    output.line(output.style("yellow", "Nothing was run: the warehouse is as it was."));
    return;
  }
  if (build.checkUnavailable) output.error(output.style("yellow", `Warning: BigQuery's offline check did not run: ${build.checkUnavailable}`));
  if (build.changed.length === 0) {
    output.line(output.style("dim", "No action compiles differently; nothing to rebuild."));
    return;
  }
  if (build.status === "refused" && build.check) {
    printCheckReport(build.check, output, { verbose: false });
    output.line(output.style("yellow", `Nothing was run: the warehouse is as it was (${refusedStatements(build.check).length} statements refused).`));
    return;
  }
  for (const outcome of build.actions) {
    output.line(actionLine(outcome, output));
    const relation = build.relations.find((item) => item.name === outcome.name);
    if (relation) {
      output.line(output.style("dim", `    ${relation.rows.toLocaleString("en")} rows`));
      if (relation.preview.length > 0) output.line(previewTable(relation.columns, relation.preview).replace(/^/gm, "    "));
    }
  }
  const failed = build.actions.filter((outcome) => outcome.status === "failed").length;
  const phases = Object.entries(build.phases).map(([name, ms]) => `${name} ${formatDuration(ms)}`).join(", ");
  const summary = `${build.actions.length} actions rebuilt${failed ? `, ${failed} failed (their tables are as they were)` : ""}: result ${formatDuration(build.resultMs ?? 0)} after the save (${phases}).`;
  output.line(failed ? output.style("red", summary) : summary);
}

function printAfter(build: DevBuild, output: Output): void {
  for (const test of build.unitTests) {
    const mark = test.status === "passed" ? output.style("green", "✔") : output.style("red", "✘");
    output.line(`${mark} unit test ${test.name} ${output.style("dim", formatDuration(test.durationMs))}`);
    for (const message of test.messages) output.line(`    ${output.style("red", message)}`);
    if (test.diff) output.line(test.diff.replace(/^/gm, "    "));
  }
  if (build.report) output.line(`Report rebuilt: ${build.report}`);
  if (build.reportError) output.error(`The report could not be rebuilt: ${build.reportError}`);
  output.line(output.style("dim", `Done in ${formatDuration(build.durationMs)}. Watching.`));
}

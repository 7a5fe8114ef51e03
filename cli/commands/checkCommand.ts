import type { Command } from "commander";
import { compileProject } from "../../runner/compile/compileProject.js";
import type { CompiledGraph } from "../../runner/graph/compiledGraph.js";
import type { Selection } from "../../runner/graph/actionGraph.js";
import type { CheckedStatement } from "../../runner/zetasql/checkGraph.js";
import { checkProject, type CheckReport } from "../../runner/zetasql/checkProject.js";
import { ZetasqlUnavailableError } from "../../runner/zetasql/installZetasql.js";
import type { ZetasqlService } from "../../runner/zetasql/zetasqlService.js";
import { compileOptions, splitList, type CompileFlags, type GlobalOptions } from "../options.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";
import { formatDuration, Output } from "../output.js";

export interface CheckFlags extends CompileFlags {
  actions?: string[];
  tags?: string[];
  includeDeps?: boolean;
  includeDependents?: boolean;
}

export function registerCheckCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("check")
    .description("BigQuery's verdict offline: analyze every statement dataform run would send (and the unit tests) with ZetaSQL")
    .option("--actions <names...>", "check only these actions (name, schema.name or a * pattern)")
    .option("--tags <tags...>", "check only actions with these tags")
    .option("--include-deps", "also check the dependencies of the selected actions")
    .option("--include-dependents", "also check the actions that depend on the selected ones")
    .addOption(SHARED_OPTIONS.vars())
    .addOption(SHARED_OPTIONS.schemaSuffix())
    .action(async (flags: CheckFlags, command: Command) => {
      setExitCode(await checkCommand(command.optsWithGlobals<GlobalOptions>(), flags));
    });
}

export function selectionOf(flags: CheckFlags): Selection {
  return { actions: splitList(flags.actions), tags: splitList(flags.tags), includeDependencies: flags.includeDeps, includeDependents: flags.includeDependents };
}

export async function checkCommand(globals: GlobalOptions, flags: CheckFlags): Promise<number> {
  const output = new Output(globals);
  const selection = selectionOf(flags);
  const wholeProject = !selection.actions?.length && !selection.tags?.length;
  let report: CheckReport;
  try {
    // Unit tests compile with the unit-test vars (includes/recompute.ts); they are checked with the whole project.
    const [graph, testGraph] = await Promise.all([
      compileProject(compileOptions(globals, flags)),
      wholeProject ? compileProject(compileOptions(globals, { ...flags, vars: { unit_tests: "true", ...flags.vars } })) : undefined,
    ]);
    report = await checkProject({
      ...compileOptions(globals, flags),
      graph,
      selection,
      tests: testGraph?.tests,
      warehousePath: globals.warehouse,
      log: (line) => output.error(line),
    });
  } catch (error) {
    if (!(error instanceof ZetasqlUnavailableError)) throw error;
    output.error(error.message);
    output.json({ status: "unavailable", message: error.message });
    return 1;
  }
  printCheckReport(report, output, { verbose: true });
  output.json({ status: refused(report).length ? "refused" : "accepted", ...countVerdicts(report), statements: report.statements });
  return refused(report).length ? 1 : 0;
}

/**
 * The check `run` and `pipeline` do first on the DuckDB target. True when the run may go on: the
 * statements are accepted, or the check cannot run on this platform (said loudly).
 */
export async function checkBeforeRun(
  globals: GlobalOptions,
  flags: CompileFlags,
  graph: CompiledGraph,
  selection: Selection,
  service: Promise<ZetasqlService>,
  output: Output,
): Promise<boolean> {
  let report: CheckReport;
  try {
    report = await checkProject({ ...compileOptions(globals, flags), graph, selection, service, warehousePath: globals.warehouse });
  } catch (error) {
    if (!(error instanceof ZetasqlUnavailableError)) throw error;
    output.error(output.style("yellow", `Warning: BigQuery's offline check did not run, so this run may pass locally and fail on BigQuery.\n  ${error.message}`));
    return true;
  }
  printCheckReport(report, output, { verbose: false });
  return refused(report).length === 0;
}

function refused(report: CheckReport): CheckedStatement[] {
  return report.statements.filter((statement) => statement.verdict === "refused");
}

function countVerdicts(report: CheckReport): { accepted: number; refused: number; notAnalyzed: number } {
  const count = (verdict: CheckedStatement["verdict"]) => report.statements.filter((statement) => statement.verdict === verdict).length;
  return { accepted: count("accepted"), refused: count("refused"), notAnalyzed: count("not analyzed") };
}

export function printCheckReport(report: CheckReport, output: Output, options: { verbose: boolean }): void {
  const byAction = new Map<string, CheckedStatement[]>();
  for (const statement of report.statements) byAction.set(statement.action, [...(byAction.get(statement.action) ?? []), statement]);
  for (const [action, statements] of byAction) {
    const bad = statements.filter((statement) => statement.verdict === "refused");
    const skipped = statements.filter((statement) => statement.verdict === "not analyzed");
    if (bad.length === 0 && skipped.length === 0 && !options.verbose) continue;
    const mark = bad.length ? output.style("red", "✘") : skipped.length ? output.style("yellow", "○") : output.style("green", "✔");
    output.line(`${mark} ${action} ${output.style("dim", `(${statements[0]!.fileName}) ${statements.length} statements`)}`);
    for (const statement of bad) output.line(formatRefusal(statement, output));
    for (const statement of skipped) output.line(`    ${output.style("yellow", `not analyzed (${statement.script}): ${statement.message}`)}`);
  }
  const counts = countVerdicts(report);
  const summary =
    `BigQuery check (ZetaSQL): ${report.statements.length} statements of ${report.actions} actions in ${formatDuration(report.durationMs)}` +
    `${report.reused ? " (unchanged since they were last accepted)" : ""}: ` +
    `${counts.accepted} accepted, ${counts.refused} refused, ${counts.notAnalyzed} not analyzed.`;
  output.line(counts.refused ? output.style("red", summary) : summary);
  if (counts.refused) output.error("BigQuery would refuse the statements above; nothing was run. Fix them, or pass --skip-check to run locally anyway.");
}

/** `file:line:column: message`, the source line and a caret, as compilers print errors. */
export function formatRefusal(statement: CheckedStatement, output: Output): string {
  const location = statement.location;
  const where = location ? `${location.file}:${location.line}:${location.column}` : `${statement.fileName} (in the statement Dataform wraps around it)`;
  const lines = [`    ${output.style("red", `${where}: ${statement.message}`)}`];
  if (location) {
    const number = String(location.line);
    lines.push(`    ${number} | ${location.lineText}`);
    lines.push(`    ${" ".repeat(number.length)} | ${" ".repeat(Math.max(0, location.column - 1))}^`);
  } else {
    lines.push(output.style("dim", `    statement sent: ${statement.sql.trim().split("\n").slice(0, 3).join(" ").slice(0, 200)}`));
  }
  lines.push(output.style("dim", `    (${statement.script}: BigQuery would refuse this statement)`));
  return lines.join("\n");
}

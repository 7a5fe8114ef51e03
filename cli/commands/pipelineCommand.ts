import { rmSync } from "node:fs";
import type { Command } from "commander";
import type { MaxRejected } from "../../loaders/maxRejected.js";
import { parseCount, type CompileFlags, type GlobalOptions } from "../options.js";
import { Output } from "../output.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";
import { DEFAULT_GENERATED_DIR, generateCommand } from "./generateCommand.js";
import { loadCommand } from "./loadCommand.js";
import { defaultReportPath, reportCommand } from "./reportCommand.js";
import { runCommand } from "./runCommand.js";
import { testCommand } from "./testCommand.js";

export interface PipelineFlags extends CompileFlags {
  input?: string[];
  events: number;
  days: number;
  fresh: boolean;
  replace?: boolean;
  maxRejected: MaxRejected;
  mapColumns: boolean;
  fullRefresh?: boolean;
  skipCheck?: boolean;
}

export function registerPipelineCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("pipeline")
    .description("the whole pipeline on the embedded warehouse: generate (without --input) → load → dataform run → unit tests → report")
    .option("--input <paths...>", "CSV files, directories or globs to load instead of generated data")
    .option("--events <n>", "rows to generate when there is no --input", parseCount, 100_000)
    .option("--days <n>", "days to generate when there is no --input", parseCount, 7)
    .option("--fresh", "start from an empty warehouse", false)
    .addOption(SHARED_OPTIONS.replace())
    .addOption(SHARED_OPTIONS.maxRejected())
    .addOption(SHARED_OPTIONS.mapColumns())
    .addOption(SHARED_OPTIONS.fullRefresh())
    .addOption(SHARED_OPTIONS.vars())
    .addOption(SHARED_OPTIONS.skipCheck())
    .action(async (flags: PipelineFlags, command: Command) => {
      setExitCode(await pipelineCommand(command.optsWithGlobals<GlobalOptions>(), flags));
    });
}

export async function pipelineCommand(globals: GlobalOptions, flags: PipelineFlags): Promise<number> {
  const output = new Output(globals);
  // Steps print to the terminal; with --json the pipeline prints one document of its own instead.
  const stepGlobals = { ...globals, json: false, quiet: globals.quiet || globals.json };
  const steps: Array<{ step: string; exitCode: number }> = [];
  const step = async (name: string, work: () => Promise<number>) => {
    output.line(output.style("bold", `${steps.length + 1}. ${name}`));
    const exitCode = await work();
    steps.push({ step: name, exitCode });
    return exitCode === 0;
  };

  if (flags.fresh) rmSync(globals.warehouse, { force: true });
  let inputs = flags.input;
  if (!inputs?.length) {
    // Regenerated files keep their names, so they replace what an earlier run loaded from them.
    rmSync(DEFAULT_GENERATED_DIR, { recursive: true, force: true });
    const ok = await step(`generate ${flags.events.toLocaleString("en")} events over ${flags.days} days`, () =>
      generateCommand(stepGlobals, { events: flags.events, days: flags.days, start: "2019-10-01", seed: 42, out: DEFAULT_GENERATED_DIR, split: "day", gzip: false }),
    );
    if (!ok) return finish(output, globals, steps);
    inputs = [DEFAULT_GENERATED_DIR];
  }
  // Regenerated files keep their names: a changed one replaces what an earlier run loaded from it.
  const replace = flags.replace ? "always" : flags.input?.length ? "never" : "changed";
  const loaded = await step("load", () =>
    loadCommand(stepGlobals, inputs, { replace, maxRejected: flags.maxRejected, mapColumns: flags.mapColumns }),
  );
  if (loaded) {
    await step("dataform run (all actions)", () => runCommand(stepGlobals, flags));
    await step("unit tests", () => testCommand(stepGlobals, flags));
    // Also after a failed assertion: the report's data-quality panel shows what failed.
    await step("report", () => reportCommand(stepGlobals, { periodDays: 7, vars: flags.vars }));
  }
  return finish(output, globals, steps);
}

function finish(output: Output, globals: GlobalOptions, steps: Array<{ step: string; exitCode: number }>): number {
  const failed = steps.filter((step) => step.exitCode !== 0);
  output.line();
  output.line(
    failed.length === 0
      ? output.style("green", `Pipeline finished. Results are in ${globals.warehouse} (schemas raw, staging, marts, assertions).`)
      : output.style("red", `Pipeline failed at: ${failed.map((step) => step.step).join(", ")}. Warehouse: ${globals.warehouse}`),
  );
  // On BigQuery the report step prints a Looker Studio link instead of writing a file.
  const report = globals.target === "duckdb" && steps.some((step) => step.step === "report" && step.exitCode === 0) ? defaultReportPath(globals.warehouse) : undefined;
  if (report) output.line(`Report: ${report}`);
  output.json({ status: failed.length === 0 ? "successful" : "failed", warehouse: globals.warehouse, ...(report ? { report } : {}), steps });
  return failed.length === 0 ? 0 : 1;
}

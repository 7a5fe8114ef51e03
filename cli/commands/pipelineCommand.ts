import type { Command } from "commander";
import { createRawTablesSql } from "../../loaders/rawTables.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { parseVars, type CompileFlags, type GlobalOptions } from "../options.js";
import { Output } from "../output.js";
import { runCommand } from "./runCommand.js";
import { testCommand } from "./testCommand.js";

export function registerPipelineCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("pipeline")
    .description("the whole pipeline on the embedded warehouse: raw tables → dataform run → unit tests")
    .option("--vars <key=value,...>", "override project vars", parseVars)
    .action(async (flags: CompileFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      setExitCode(await pipelineCommand(globals, flags));
    });
}

export async function pipelineCommand(globals: GlobalOptions, flags: CompileFlags): Promise<number> {
  const output = new Output(globals);
  // Step output goes to the terminal; --json prints one document for the whole pipeline instead.
  const stepGlobals = { ...globals, json: false, quiet: globals.quiet || globals.json };
  const steps: Array<{ step: string; exitCode: number }> = [];

  output.line(output.style("bold", "1/3 raw tables"));
  const warehouse = await DuckdbWarehouse.open(globals.warehouse);
  try {
    await warehouse.connection.run(createRawTablesSql());
  } finally {
    warehouse.close();
  }
  steps.push({ step: "raw tables", exitCode: 0 });

  output.line(output.style("bold", "2/3 dataform run (all actions)"));
  steps.push({ step: "run", exitCode: await runCommand(stepGlobals, flags) });

  output.line(output.style("bold", "3/3 unit tests"));
  steps.push({ step: "test", exitCode: await testCommand(stepGlobals, flags) });

  const failed = steps.filter((step) => step.exitCode !== 0);
  output.line();
  output.line(
    failed.length === 0
      ? output.style("green", `Pipeline finished. Results are in ${globals.warehouse} (schemas raw, staging, marts, assertions).`)
      : output.style("red", `Pipeline failed at: ${failed.map((step) => step.step).join(", ")}. Warehouse: ${globals.warehouse}`),
  );
  output.json({ status: failed.length === 0 ? "successful" : "failed", warehouse: globals.warehouse, steps });
  return failed.length === 0 ? 0 : 1;
}

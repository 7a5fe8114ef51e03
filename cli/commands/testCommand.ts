import type { Command } from "commander";
import { runDataformCli } from "../../runner/bigquery/dataformCli.js";
import { compileProject } from "../../runner/compile/compileProject.js";
import { runUnitTests, type UnitTestOutcome } from "../../runner/unitTests/runUnitTests.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { compileOptions, type CompileFlags, type GlobalOptions } from "../options.js";
import { formatDuration, Output } from "../output.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";

export function registerTestCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("test")
    .description('run the Dataform unit tests (type: "test") with Dataform\'s comparison rules')
    .addOption(SHARED_OPTIONS.vars())
    .action(async (flags: CompileFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      setExitCode(await testCommand(globals, flags));
    });
}

export async function testCommand(globals: GlobalOptions, flags: CompileFlags): Promise<number> {
  const output = new Output(globals);
  // Incremental models can only be unit-tested as views: see includes/recompute.ts UNIT_TESTS.
  const vars = { unit_tests: "true", ...flags.vars };
  if (globals.target === "bigquery") return runDataformCli("test", globals.projectDir, { ...flags, vars, json: globals.json });
  const graph = await compileProject(compileOptions(globals, { ...flags, vars }));
  // Unit tests read only their inline inputs, so an in-memory database is enough.
  const warehouse = await DuckdbWarehouse.open(":memory:");
  let outcomes: UnitTestOutcome[];
  try {
    outcomes = await runUnitTests(graph.tests ?? [], warehouse);
  } finally {
    warehouse.close();
  }
  for (const outcome of outcomes) {
    const mark = outcome.status === "passed" ? output.style("green", "✔") : output.style("red", "✘");
    output.line(`${mark} ${outcome.name} ${output.style("dim", `${outcome.fileName} ${formatDuration(outcome.durationMs)}`)}`);
    for (const message of outcome.messages) output.line(`    ${output.style("red", message)}`);
    if (outcome.diff) output.line(outcome.diff.replace(/^/gm, "    "));
  }
  const failed = outcomes.filter((outcome) => outcome.status === "failed").length;
  output.line(`${outcomes.length} unit tests: ${outcomes.length - failed} passed${failed ? `, ${failed} failed` : ""}.`);
  output.json({ status: failed ? "failed" : "successful", tests: outcomes });
  return failed ? 1 : 0;
}

import { Option, type Command } from "commander";
import { runDataformCli } from "../../runner/bigquery/dataformCli.js";
import { compileProject } from "../../runner/compile/compileProject.js";
import { runUnitTests, type UnitTestOutcome } from "../../runner/unitTests/runUnitTests.js";
import { runUnitTestsOnReference } from "../../runner/unitTests/runUnitTestsOnReference.js";
import { ZetasqlUnavailableError } from "../../runner/zetasql/installZetasql.js";
import { ZetasqlService } from "../../runner/zetasql/zetasqlService.js";
import type { CompiledTest } from "../../runner/graph/compiledGraph.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { compileOptions, type CompileFlags, type GlobalOptions } from "../options.js";
import { formatDuration, Output } from "../output.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";

export function registerTestCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("test")
    .description('run the Dataform unit tests (type: "test") with Dataform\'s comparison rules')
    .addOption(SHARED_OPTIONS.vars())
    .addOption(
      new Option("--engine <engine>", "where the tests run (duckdb target): DuckDB, BigQuery's reference engine (ZetaSQL), or both")
        .choices(["duckdb", "reference", "both"])
        .default("both"),
    )
    .action(async (flags: TestFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      setExitCode(await testCommand(globals, flags));
    });
}

export interface TestFlags extends CompileFlags {
  engine?: "duckdb" | "reference" | "both";
}

type EngineOutcome = UnitTestOutcome & { engine: "duckdb" | "reference" };

export async function testCommand(globals: GlobalOptions, flags: TestFlags): Promise<number> {
  const output = new Output(globals);
  // Incremental models can only be unit-tested as views: see includes/recompute.ts UNIT_TESTS.
  const vars = { unit_tests: "true", ...flags.vars };
  if (globals.target === "bigquery") return runDataformCli("test", globals.projectDir, { ...flags, vars, json: globals.json });
  const engine = flags.engine ?? "both";
  const service = engine === "duckdb" ? undefined : ZetasqlService.start((line) => output.error(line));
  service?.catch(() => undefined);
  const outcomes: EngineOutcome[] = [];
  try {
    // Inside the try: a compilation error must close the service too, or the process never exits.
    const graph = await compileProject(compileOptions(globals, { ...flags, vars }));
    const tests = graph.tests ?? [];
    if (engine !== "reference") outcomes.push(...(await onDuckdb(tests)));
    if (service) {
      try {
        outcomes.push(...(await onReference(tests, await service)));
      } catch (error) {
        if (!(error instanceof ZetasqlUnavailableError) || engine === "reference") throw error;
        output.error(output.style("yellow", `Warning: the unit tests ran on DuckDB only, not under BigQuery's semantics.\n  ${error.message}`));
      }
    }
  } finally {
    void service?.then((started) => started.close(), () => undefined);
  }
  for (const outcome of outcomes) {
    const mark = outcome.status === "passed" ? output.style("green", "✔") : output.style("red", "✘");
    const where = engine === "both" ? `[${outcome.engine === "duckdb" ? "duckdb" : "bigquery reference"}] ` : "";
    output.line(`${mark} ${where}${outcome.name} ${output.style("dim", `${outcome.fileName} ${formatDuration(outcome.durationMs)}`)}`);
    for (const message of outcome.messages) output.line(`    ${output.style("red", message)}`);
    if (outcome.diff) output.line(outcome.diff.replace(/^/gm, "    "));
  }
  const failed = outcomes.filter((outcome) => outcome.status === "failed").length;
  const engines = engine === "both" ? " (on DuckDB and on BigQuery's reference engine)" : engine === "reference" ? " (on BigQuery's reference engine)" : "";
  output.line(`${outcomes.length} unit tests${engines}: ${outcomes.length - failed} passed${failed ? `, ${failed} failed` : ""}.`);
  output.json({ status: failed ? "failed" : "successful", tests: outcomes });
  return failed ? 1 : 0;
}

async function onDuckdb(tests: CompiledTest[]): Promise<EngineOutcome[]> {
  // Unit tests read only their inline inputs, so an in-memory database is enough.
  const warehouse = await DuckdbWarehouse.open(":memory:");
  try {
    return (await runUnitTests(tests, warehouse)).map((outcome) => ({ ...outcome, engine: "duckdb" as const }));
  } finally {
    warehouse.close();
  }
}

async function onReference(tests: CompiledTest[], service: ZetasqlService): Promise<EngineOutcome[]> {
  return (await runUnitTestsOnReference(tests, service)).map((outcome) => ({ ...outcome, engine: "reference" as const }));
}

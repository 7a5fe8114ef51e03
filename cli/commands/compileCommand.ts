import type { Command } from "commander";
import { compileProject } from "../../runner/compile/compileProject.js";
import { graphActions } from "../../runner/graph/actionGraph.js";
import type { CompiledGraph } from "../../runner/graph/compiledGraph.js";
import { readableName } from "../../runner/graph/targets.js";
import { compileOptions, type CompileFlags, type GlobalOptions } from "../options.js";
import { Output } from "../output.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";

export function registerCompileCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("compile")
    .description("compile the Dataform project with the real Dataform compiler and summarise the graph")
    .addOption(SHARED_OPTIONS.vars())
    .addOption(SHARED_OPTIONS.schemaSuffix())
    .action(async (flags: CompileFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const output = new Output(globals);
      const graph = await compileProject(compileOptions(globals, flags));
      output.json(graph);
      printSummary(graph, output);
      setExitCode(0);
    });
}

function printSummary(graph: CompiledGraph, output: Output): void {
  const actions = graphActions(graph);
  const count = (kind: string) => actions.filter((action) => action.kind === kind).length;
  output.line(
    `Compiled ${actions.length} actions with @dataform/core ${graph.dataformCoreVersion ?? "?"}: ` +
      `${count("table")} tables/views/incrementals, ${count("operation")} operations, ${count("assertion")} assertions; ` +
      `${graph.declarations?.length ?? 0} declarations, ${graph.tests?.length ?? 0} unit tests.`,
  );
  for (const action of actions) {
    const type = action.kind === "table" ? action.table.type : action.kind;
    const flags = [action.disabled ? "disabled" : "", action.tags.length ? `tags: ${action.tags.join(", ")}` : ""].filter(Boolean);
    output.line(`  ${output.style("bold", action.name)}  ${type}  ${output.style("dim", action.fileName)}${flags.length ? `  (${flags.join("; ")})` : ""}`);
  }
  for (const declaration of graph.declarations ?? []) {
    output.line(`  ${readableName(declaration.target)}  declaration  ${output.style("dim", declaration.fileName ?? "")}`);
  }
}

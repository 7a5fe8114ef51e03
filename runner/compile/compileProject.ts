/**
 * Runs the real Dataform compiler (`dataform compile --json` from @dataform/cli) on a project.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type { CompiledGraph } from "../graph/compiledGraph.js";
import { compileCacheKey, readCachedGraph, writeCachedGraph } from "./compileCache.js";

const execFileAsync = promisify(execFile);
const require = createRequire(import.meta.url);
const dataformCli = require.resolve("@dataform/cli/bundle.js");
const dataformCliVersion = (require("@dataform/cli/package.json") as { version: string }).version;

export interface CompileOptions {
  projectDir: string;
  /** Passed as `--vars=k=v,...`; they override dataform.json's vars. */
  vars?: Record<string, string>;
  defaultDatabase?: string;
  schemaSuffix?: string;
  tablePrefix?: string;
}

export class CompilationFailedError extends Error {
  constructor(readonly errors: Array<{ fileName?: string; message: string }>) {
    super(
      `Dataform compilation failed:\n${errors.map((error) => `  ${error.fileName ?? "(project)"}: ${error.message}`).join("\n")}`,
    );
    this.name = "CompilationFailedError";
  }
}

export function compileArguments(options: CompileOptions): string[] {
  const args = ["compile", resolve(options.projectDir), "--json"];
  const vars = Object.entries(options.vars ?? {});
  if (vars.length > 0) args.push(`--vars=${vars.map(([key, value]) => `${key}=${value}`).join(",")}`);
  if (options.defaultDatabase) args.push(`--default-database=${options.defaultDatabase}`);
  if (options.schemaSuffix) args.push(`--schema-suffix=${options.schemaSuffix}`);
  if (options.tablePrefix) args.push(`--table-prefix=${options.tablePrefix}`);
  return args;
}

/**
 * The project's compiled graph: from the compile cache when nothing Dataform reads has changed
 * (compileCache.ts), else from the Dataform CLI. `cache: false` always runs the CLI.
 */
export async function compileProject(options: CompileOptions, { cache = true }: { cache?: boolean } = {}): Promise<CompiledGraph> {
  const args = compileArguments(options);
  const projectDir = resolve(options.projectDir);
  const key = cache ? compileCacheKey(projectDir, args, dataformCliVersion) : undefined;
  const cached = key ? readCachedGraph(projectDir, key) : undefined;
  if (cached) return cached;
  const graph = await compileWithDataformCli(args);
  if (key) writeCachedGraph(projectDir, key, graph);
  return graph;
}

async function compileWithDataformCli(args: string[]): Promise<CompiledGraph> {
  let stdout: string;
  let stderr = "";
  try {
    ({ stdout, stderr } = await execFileAsync(process.execPath, [dataformCli, ...args], {
      maxBuffer: 256 * 1024 * 1024,
    }));
  } catch (error) {
    // The CLI exits non-zero on compilation errors but still prints the graph with its errors.
    const failed = error as { stdout?: string; stderr?: string; message: string };
    stdout = failed.stdout ?? "";
    stderr = failed.stderr ?? failed.message;
  }
  let graph: CompiledGraph;
  try {
    graph = JSON.parse(stdout) as CompiledGraph;
  } catch {
    throw new CompilationFailedError([{ message: stripAnsi(stderr).trim() || "the Dataform CLI printed no graph" }]);
  }
  const errors = graph.graphErrors?.compilationErrors ?? [];
  if (errors.length > 0) throw new CompilationFailedError(errors);
  return graph;
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

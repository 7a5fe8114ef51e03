/**
 * The compiled graph of a project whose inputs have not changed since it was last compiled, as
 * dbt's partial parsing reuses its manifest: the Dataform CLI loads for about 3 s before it reads a
 * file, on every `run`, `test` and `check`. The key covers every file Dataform reads (definitions/,
 * includes/, the project's config files, the installed @dataform/core), the @dataform/cli version
 * and the compile arguments, so any change to them compiles afresh.
 */
import type { CompiledGraph } from "../graph/compiledGraph.js";
import { cacheDir, hashFiles, newKeyHash, readCached, writeCached } from "../cache/keyedJsonCache.js";

const READ_BY_DATAFORM = ["definitions", "includes", "dataform.json", "workflow_settings.yaml", "package.json", "node_modules/@dataform/core/package.json"];

export function compileCacheKey(projectDir: string, args: string[], cliVersion: string): string {
  return hashFiles(newKeyHash({ args, cliVersion }), projectDir, READ_BY_DATAFORM).digest("hex");
}

export function readCachedGraph(projectDir: string, key: string): CompiledGraph | undefined {
  return readCached<CompiledGraph>(cacheDir(projectDir, "compile"), key);
}

/** Only successful compilations are written. */
export function writeCachedGraph(projectDir: string, key: string, graph: CompiledGraph): void {
  writeCached(cacheDir(projectDir, "compile"), key, graph);
}

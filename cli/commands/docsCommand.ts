import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { compileOptions, type CompileFlags, type GlobalOptions, UsageError } from "../options.js";
import { formatDuration, Output } from "../output.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";

/** The site sits beside its warehouse: target/warehouse.duckdb gives target/docs/index.html. */
export function defaultDocsPath(warehousePath: string): string {
  return join(dirname(warehousePath), "docs", "index.html");
}

export interface DocsFlags extends CompileFlags {
  out?: string;
}

export function registerDocsCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("docs")
    .description("build the models' documentation: one self-contained HTML site (lineage, columns, SQL, tests, row counts, freshness)")
    .option("--out <path>", "where to write the site (default docs/index.html beside the warehouse)")
    .addOption(SHARED_OPTIONS.vars())
    .addOption(SHARED_OPTIONS.schemaSuffix())
    .action(async (flags: DocsFlags, command: Command) => {
      setExitCode(await docsCommand(command.optsWithGlobals<GlobalOptions>(), flags));
    });
}

export async function docsCommand(globals: GlobalOptions, flags: DocsFlags): Promise<number> {
  const output = new Output(globals);
  if (globals.target === "bigquery") throw new UsageError("docs reads the local warehouse: use --target duckdb (the default).");
  const { buildCatalog } = await import("../../catalog/buildCatalog.js");
  const built = await buildCatalog({ ...compileOptions(globals, flags), warehousePath: globals.warehouse, outPath: flags.out ?? defaultDocsPath(globals.warehouse) });
  const { entries } = built.catalog;
  const tests = [...entries.flatMap((entry) => entry.unitTests), ...built.catalog.otherUnitTests];
  output.line(`Wrote ${built.path} (${entries.length} actions, ${tests.length} unit tests, ${Math.round(built.bytes / 1024)} kB) in ${formatDuration(built.durationMs)}.`);
  for (const warning of built.catalog.warnings) output.error(`Warning: ${warning}`);
  output.line(`Open it in a browser: ${pathToFileURL(resolve(built.path)).href}`);
  output.json({
    status: "successful",
    docs: built.path,
    bytes: built.bytes,
    durationMs: Math.round(built.durationMs),
    actions: entries.map((entry) => ({ name: entry.name, kind: entry.kind, upstream: entry.upstream, downstream: entry.downstream, rows: entry.stats?.rows, failingRows: entry.failingRows })),
    unitTests: tests.map((test) => ({ name: test.name, status: test.status })),
    warnings: built.catalog.warnings,
  });
  return 0;
}

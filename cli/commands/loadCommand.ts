import { statSync } from "node:fs";
import type { Command } from "commander";
import { loadFilesToDuckdb } from "../../loaders/duckdb/loadFilesToDuckdb.js";
import type { FileLoadResult, LoadOptions } from "../../loaders/duckdb/loadFileToDuckdb.js";
import { DEFAULT_MAX_REJECTED, parseMaxRejected, type MaxRejected } from "../../loaders/maxRejected.js";
import { resolveInputs } from "../../loaders/resolveInputs.js";
import { UsageError, type GlobalOptions } from "../options.js";
import { formatDuration, Output } from "../output.js";
import { createProgress, formatBytes } from "../progress.js";

export interface LoadFlags {
  replace: LoadOptions["replace"];
  maxRejected: MaxRejected;
  mapColumns: boolean;
}

export function registerLoadCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("load")
    .description("land REES46 CSV files (.csv, .csv.gz; files, directories or globs) in raw.events, quarantining invalid lines")
    .argument("<inputs...>", "files, directories or glob patterns")
    .option("--replace", "reload files loaded before, swapping their rows atomically")
    .option("--max-rejected <n|p%>", "invalid lines allowed per file before its load fails", parseMaxRejected, DEFAULT_MAX_REJECTED)
    .option("--map-columns", "match columns by header name and ignore extra columns", false)
    .action(async (inputs: string[], flags: Omit<LoadFlags, "replace"> & { replace?: boolean }, command: Command) => {
      const replace = flags.replace ? "always" : "never";
      setExitCode(await loadCommand(command.optsWithGlobals<GlobalOptions>(), inputs, { ...flags, replace }));
    });
}

function describe(result: FileLoadResult): string {
  if (result.status === "skipped") return `${result.file}: skipped, ${result.note}`;
  const reasons = Object.entries(result.rejectReasons)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(", ");
  return (
    `${result.file}: ${result.lines.toLocaleString("en")} lines = ${result.loaded.toLocaleString("en")} loaded + ` +
    `${result.rejected.toLocaleString("en")} quarantined${reasons ? ` (${reasons})` : ""}` +
    `${result.status === "replaced" ? ", replacing the earlier load" : ""} in ${formatDuration(result.durationMs)}`
  );
}

export async function loadCommand(globals: GlobalOptions, inputs: string[], flags: LoadFlags): Promise<number> {
  const output = new Output(globals);
  if (inputs.some((input) => input.startsWith("gs://")) && globals.target !== "bigquery") {
    throw new UsageError("gs:// inputs are loaded with --target bigquery (load --from gs://...).");
  }
  const paths = resolveInputs(inputs);
  const sizes = paths.map((path) => statSync(path).size);
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const progress = createProgress(output, "load", totalBytes, "bytes");
  let doneBefore = 0;
  const results: FileLoadResult[] = [];
  const started = performance.now();
  try {
    await loadFilesToDuckdb(paths, {
      ...flags,
      warehousePath: globals.warehouse,
      onFileStart: (_path, index) => {
        doneBefore = sizes.slice(0, index).reduce((sum, size) => sum + size, 0);
      },
      onProgress: (path, fraction) => progress.update(doneBefore + fraction * sizes[paths.indexOf(path)]!, { detail: ` ${path}` }),
      onFileEnd: (result) => {
        results.push(result);
        progress.stop();
        output.line(describe(result));
      },
    });
  } finally {
    progress.stop();
  }
  const loaded = results.reduce((sum, result) => sum + result.loaded, 0);
  const rejected = results.reduce((sum, result) => sum + result.rejected, 0);
  const seconds = (performance.now() - started) / 1000;
  output.line(
    `Loaded ${loaded.toLocaleString("en")} rows and quarantined ${rejected.toLocaleString("en")} from ${results.length} file(s) ` +
      `(${formatBytes(totalBytes)}) in ${formatDuration(seconds * 1000)} into ${globals.warehouse}.`,
  );
  output.json({ status: "successful", warehouse: globals.warehouse, files: results });
  return 0;
}

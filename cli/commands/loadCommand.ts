import { statSync } from "node:fs";
import type { Command } from "commander";
import { loadFilesToDuckdb } from "../../loaders/duckdb/loadFilesToDuckdb.js";
import type { FileLoadResult, LoadOptions } from "../../loaders/duckdb/loadFileToDuckdb.js";
import type { MaxRejected } from "../../loaders/maxRejected.js";
import { resolveInputs } from "../../loaders/resolveInputs.js";
import { UsageError, type GlobalOptions } from "../options.js";
import { SHARED_OPTIONS } from "../sharedOptions.js";
import { addBigqueryTargetFlags, targetFlags, type BigqueryTargetFlags } from "./bigqueryFlags.js";

import { formatDuration, Output } from "../output.js";
import { createProgress, formatBytes } from "../progress.js";

export interface LoadFlags extends BigqueryTargetFlags {
  replace: LoadOptions["replace"];
  maxRejected: MaxRejected;
  mapColumns: boolean;
  /** gs:// objects already in the bucket (bigquery target). */
  from?: string[];
}

export function registerLoadCommand(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command("load")
    .description("land REES46 CSV files (.csv, .csv.gz; files, directories or globs) in raw.events, quarantining invalid lines")
    .argument("[inputs...]", "files, directories or glob patterns")
    .addOption(SHARED_OPTIONS.replace())
    .addOption(SHARED_OPTIONS.maxRejected())
    .addOption(SHARED_OPTIONS.mapColumns())
    .option("--from <uris...>", "load gs:// objects already in the bucket (bigquery target; * matches within a folder)");
  addBigqueryTargetFlags(command).action(async (inputs: string[], flags: Omit<LoadFlags, "replace"> & { replace?: boolean }, command: Command) => {
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

/**
 * After a replace, an incremental run cannot see the rows that left a file, and the product models,
 * which only add newly loaded events, would count the file's events again (definitions/README.md).
 */
function replacedNotice(results: FileLoadResult[]): string | undefined {
  const replaced = results.filter((result) => result.status === "replaced").length;
  return replaced > 0
    ? `Replaced ${replaced} earlier load(s): rebuild the models with \`run --full-refresh\`; an incremental run would keep rows that left the file and count its events twice.`
    : undefined;
}

export async function loadCommand(globals: GlobalOptions, inputs: string[], flags: LoadFlags): Promise<number> {
  const output = new Output(globals);
  if (inputs.some((input) => input.startsWith("gs://"))) {
    throw new UsageError("gs:// objects are loaded with --target bigquery --from gs://bucket/path.");
  }
  if (globals.target === "bigquery") return loadToBigquery(output, inputs, flags);
  if (flags.from?.length) throw new UsageError("--from gs://... needs --target bigquery.");
  if (inputs.length === 0) throw new UsageError("Name the files to load: clickstream load FILE|DIR|GLOB...");
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
  const notice = replacedNotice(results);
  if (notice) output.line(notice);
  output.json({ status: "successful", warehouse: globals.warehouse, files: results });
  return 0;
}

/** The BigQuery target: local files are uploaded to the landing bucket; --from objects are already there. */
async function loadToBigquery(output: Output, inputs: string[], flags: LoadFlags): Promise<number> {
  // The Google clients take a while to import; only this target needs them.
  const { createBigquery, createStorage, resolveTarget } = await import("../../loaders/bigquery/googleClients.js");
  const { ensureRawTables, loadFileToBigquery } = await import("../../loaders/bigquery/loadFileToBigquery.js");
  const { downloadObject, listObjects } = await import("../../loaders/bigquery/downloadObject.js");
  const target = resolveTarget(targetFlags(flags));
  const clients = { bigquery: createBigquery(target), storage: createStorage(target) };
  await ensureRawTables(clients.bigquery, target);
  const options = { replace: flags.replace, maxRejected: flags.maxRejected, mapColumns: flags.mapColumns };
  const results: FileLoadResult[] = [];
  const report = (result: FileLoadResult) => {
    results.push(result);
    output.line(describe(result));
  };
  const localFiles = inputs.length ? resolveInputs(inputs) : [];
  for (const path of localFiles) {
    const progress = createProgress(output, "upload", statSync(path).size, "bytes");
    try {
      report(await loadFileToBigquery(path, target, clients, { ...options, onUploadProgress: (bytes) => progress.update(bytes) }));
    } finally {
      progress.stop();
    }
  }
  for (const pattern of flags.from ?? []) {
    for (const uri of await listObjects(clients.storage, pattern)) {
      const copy = await downloadObject(clients.storage, uri);
      try {
        report(await loadFileToBigquery(copy.path, target, clients, { ...options, sourceUri: uri }));
      } finally {
        copy.cleanUp();
      }
    }
  }
  if (results.length === 0) throw new UsageError("Nothing to load: name local files, or gs:// objects with --from.");
  output.line(`Loaded ${results.reduce((sum, r) => sum + r.loaded, 0).toLocaleString("en")} rows into ${target.projectId}.${target.rawDataset}.`);
  const notice = replacedNotice(results);
  if (notice) output.line(notice);
  output.json({ status: "successful", target: `${target.projectId}.${target.rawDataset}`, files: results });
  return 0;
}

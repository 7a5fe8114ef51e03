/**
 * Runs one benchmarked step as its own process, so that its wall time and peak memory are its own.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "bin/clickstream.js");
const PEAK_RSS_PRELOAD = join(ROOT, "bench/reportPeakRss.mjs");

export interface CommandMeasurement {
  ms: number;
  peakRssBytes: number;
  stdout: string;
}

export class BenchmarkStepError extends Error {
  constructor(step: string, detail: string) {
    super(`Benchmark step "${step}" failed: ${detail}`);
    this.name = "BenchmarkStepError";
  }
}

async function measureNode(step: string, nodeArgs: string[]): Promise<CommandMeasurement> {
  const scratch = mkdtempSync(join(tmpdir(), "clickstream-bench-rss-"));
  const rusageFile = join(scratch, "rusage.json");
  const started = performance.now();
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", PEAK_RSS_PRELOAD, ...nodeArgs], {
      cwd: ROOT,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, BENCH_RUSAGE_FILE: rusageFile, CI: "true" },
    });
    const ms = performance.now() - started;
    const { maxRssBytes } = JSON.parse(readFileSync(rusageFile, "utf8")) as { maxRssBytes: number };
    return { ms, peakRssBytes: maxRssBytes, stdout };
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new BenchmarkStepError(step, (failure.stderr || failure.message).trim().slice(-2000));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `clickstream ARGS` in a child process. */
export function measureCli(step: string, args: string[]): Promise<CommandMeasurement> {
  return measureNode(step, ["--liftoff-only", CLI, ...args]);
}

/** One SQL script on a DuckDB database in a child process, under `memoryLimit` (see runDuckdbScript.ts). */
export function measureDuckdbScript(step: string, databasePath: string, sql: string, memoryLimit: string): Promise<CommandMeasurement> {
  return measureNode(step, ["--import", "tsx", join(ROOT, "bench/runDuckdbScript.ts"), databasePath, memoryLimit, sql]);
}

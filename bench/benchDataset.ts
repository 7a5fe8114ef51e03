/**
 * The benchmark's data: generated once per size and seed, then reused. The base period is loaded
 * and fully refreshed; the extra day after it is appended for the one-day incremental run.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateDataset } from "../loaders/generate/generateDataset.js";

export interface BenchDatasetSpec {
  /** Events in the base period (the extra day adds one more day's worth). */
  events: number;
  days: number;
  start: string;
  seed: number;
}

export interface BenchDataset {
  dir: string;
  baseFiles: string[];
  extraDayFile: string;
  baseRows: number;
  baseBytes: number;
  extraDayRows: number;
  extraDayBytes: number;
}

const DATASET_FILE = "dataset.json";

export function datasetDir(root: string, spec: BenchDatasetSpec): string {
  return join(root, `${spec.events}-events-${spec.days}-days-seed-${spec.seed}`);
}

/** The cached dataset for `spec`, generating it first when absent or incomplete. */
export async function ensureBenchDataset(root: string, spec: BenchDatasetSpec, log: (line: string) => void): Promise<BenchDataset> {
  const dir = datasetDir(root, spec);
  const marker = join(dir, DATASET_FILE);
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, "utf8")) as BenchDataset;

  rmSync(dir, { recursive: true, force: true });
  log(`Generating ${spec.events.toLocaleString("en")} events over ${spec.days} days, plus one more day, into ${dir} (cached for later runs)…`);
  const started = performance.now();
  // One extra day at the same daily rate; late rows of the base period's last day land in its file.
  const files = await generateDataset({
    events: Math.round((spec.events * (spec.days + 1)) / spec.days),
    days: spec.days + 1,
    start: spec.start,
    seed: spec.seed,
    outDir: dir,
    split: "day",
    gzip: false,
  });
  const base = files.slice(0, spec.days);
  const extra = files[spec.days]!;
  const dataset: BenchDataset = {
    dir,
    baseFiles: base.map((file) => file.path),
    extraDayFile: extra.path,
    baseRows: base.reduce((sum, file) => sum + file.rows, 0),
    baseBytes: base.reduce((sum, file) => sum + statSync(file.path).size, 0),
    extraDayRows: extra.rows,
    extraDayBytes: statSync(extra.path).size,
  };
  writeFileSync(marker, `${JSON.stringify(dataset, null, 2)}\n`);
  log(`Generated in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return dataset;
}

import type { Command } from "commander";
import { generateDataset } from "../../loaders/generate/generateDataset.js";
import { parseCount, type GlobalOptions } from "../options.js";
import { formatDuration, Output } from "../output.js";
import { createProgress } from "../progress.js";

export interface GenerateFlags {
  events: number;
  days: number;
  start: string;
  seed: number;
  out: string;
  split: "day" | "none";
  gzip: boolean;
}

export const DEFAULT_GENERATED_DIR = "target/data/generated";

export function registerGenerateCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("generate")
    .description("write realistic REES46-format clickstream CSV (deterministic for a seed)")
    .option("--events <n>", "rows to write, duplicates included", parseCount, 100_000)
    .option("--days <n>", "days of traffic", parseCount, 7)
    .option("--start <date>", "first day (UTC)", "2019-10-01")
    .option("--seed <n>", "random seed", parseCount, 42)
    .option("--out <dir>", "output directory", DEFAULT_GENERATED_DIR)
    .option("--split <mode>", "day: one file per day (late events in the next day's file); none: one file", "day")
    .option("--gzip", "write .csv.gz", false)
    .action(async (flags: GenerateFlags, command: Command) => {
      setExitCode(await generateCommand(command.optsWithGlobals<GlobalOptions>(), flags));
    });
}

export async function generateCommand(globals: GlobalOptions, flags: GenerateFlags): Promise<number> {
  const output = new Output(globals);
  const started = performance.now();
  const progress = createProgress(output, "generate", flags.events, "rows");
  const files = await generateDataset({
    ...flags,
    outDir: flags.out,
    split: flags.split === "none" ? "none" : "day",
    onProgress: (rows) => progress.update(rows),
  });
  progress.stop();
  const rows = files.reduce((sum, file) => sum + file.rows, 0);
  output.line(`Wrote ${rows.toLocaleString("en")} rows in ${files.length} file(s) to ${flags.out} in ${formatDuration(performance.now() - started)}.`);
  output.json({ status: "successful", rows, files });
  return 0;
}

/** `load FILE|DIR|GLOB...`: the .csv and .csv.gz files meant, in a stable order. */
import { statSync } from "node:fs";
import { globSync } from "tinyglobby";
import { NoInputFilesError } from "./errors.js";

const CSV_FILE = /\.csv(\.gz)?$/i;

export function resolveInputs(patterns: string[]): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const stats = statSync(pattern, { throwIfNoEntry: false });
    if (stats?.isFile()) {
      files.add(pattern);
    } else if (stats?.isDirectory()) {
      for (const file of globSync(["**/*.csv", "**/*.csv.gz"], { cwd: pattern, absolute: false })) files.add(`${pattern.replace(/\/$/, "")}/${file}`);
    } else {
      for (const file of globSync(pattern)) if (CSV_FILE.test(file)) files.add(file);
    }
  }
  if (files.size === 0) throw new NoInputFilesError(patterns);
  return [...files].sort();
}

/** Parsing and sharing of command-line options. */
import { InvalidArgumentError } from "commander";
import type { CompileOptions } from "../runner/compile/compileProject.js";

export interface GlobalOptions {
  target: "duckdb" | "bigquery";
  warehouse: string;
  projectDir: string;
  json: boolean;
  quiet: boolean;
}

export interface CompileFlags {
  vars?: Record<string, string>;
  schemaSuffix?: string;
  defaultDatabase?: string;
}

/** `a=1,b=2` as Dataform's --vars takes it; repeated flags merge. */
export function parseVars(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const vars = { ...previous };
  for (const pair of value.split(",").filter((item) => item.trim() !== "")) {
    const separator = pair.indexOf("=");
    if (separator <= 0) throw new InvalidArgumentError(`expected key=value pairs separated by commas, got "${pair}"`);
    vars[pair.slice(0, separator).trim()] = pair.slice(separator + 1);
  }
  return vars;
}

/** Lists accept both `--actions a b` and `--actions a,b`. */
export function splitList(values: string[] | undefined): string[] | undefined {
  return values?.flatMap((value) => value.split(",")).filter((value) => value.trim() !== "");
}

export function parseCount(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return parsed;
}

export function compileOptions(globals: GlobalOptions, flags: CompileFlags): CompileOptions {
  return {
    projectDir: globals.projectDir,
    vars: flags.vars,
    schemaSuffix: flags.schemaSuffix,
    defaultDatabase: flags.defaultDatabase,
  };
}

/** Thrown for a usage problem; main prints the message and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Options that more than one command takes, each defined once so that names, descriptions and
 * defaults cannot drift apart (tests/cli/sharedOptions.test.ts checks every command's help).
 * Commander options are mutable objects, so each use gets a fresh one.
 */
import { Option } from "commander";
import { DEFAULT_MAX_REJECTED, describeMaxRejected, parseMaxRejected } from "../loaders/maxRejected.js";
import { parseVars } from "./options.js";

export const SHARED_OPTIONS = {
  replace: () => new Option("--replace", "reload files loaded before, swapping their rows atomically"),
  maxRejected: () =>
    new Option("--max-rejected <n|p%>", "invalid lines allowed per file before its load fails")
      .argParser(parseMaxRejected)
      .default(DEFAULT_MAX_REJECTED, describeMaxRejected(DEFAULT_MAX_REJECTED)),
  mapColumns: () => new Option("--map-columns", "match columns by header name and ignore extra columns").default(false),
  fullRefresh: () => new Option("--full-refresh", "rebuild incremental tables from scratch (protected tables excepted)"),
  vars: () => new Option("--vars <key=value,...>", "override project vars (dataset names, reporting time zone, ...)").argParser(parseVars),
  skipCheck: () => new Option("--skip-check", "do not ask BigQuery's offline check (ZetaSQL) before running on DuckDB (for emergencies)"),
  schemaSuffix: () => new Option("--schema-suffix <suffix>", "the suffix on every dataset name (per-environment prefixing)"),
} as const;

export type SharedOptionName = keyof typeof SHARED_OPTIONS;

/**
 * On the BigQuery target the real `dataform run` / `dataform test` do the work; this builds their
 * command line from ours and runs them with the user's credentials (.df-credentials.json).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const dataformCli = createRequire(import.meta.url).resolve("@dataform/cli/bundle.js");

export interface DataformRunFlags {
  actions?: string[];
  tags?: string[];
  includeDeps?: boolean;
  includeDependents?: boolean;
  fullRefresh?: boolean;
  dryRun?: boolean;
  disableAssertions?: boolean;
  actionRetryLimit?: number;
  vars?: Record<string, string>;
  schemaSuffix?: string;
  defaultDatabase?: string;
  json?: boolean;
  jobLabels?: Record<string, string>;
}

export class MissingCredentialsError extends Error {
  constructor(path: string) {
    super(
      `The BigQuery target needs credentials at ${path}. Create them with \`npx dataform init-creds\` ` +
        "(or let CI authenticate through Workload Identity Federation), or use --target duckdb.",
    );
    this.name = "MissingCredentialsError";
  }
}

export function dataformArguments(command: "run" | "test", projectDir: string, flags: DataformRunFlags): string[] {
  const args = [command, resolve(projectDir)];
  if (flags.actions?.length) args.push("--actions", ...flags.actions);
  if (flags.tags?.length) args.push("--tags", ...flags.tags);
  if (flags.includeDeps) args.push("--include-deps");
  if (flags.includeDependents) args.push("--include-dependents");
  if (flags.fullRefresh) args.push("--full-refresh");
  if (flags.dryRun) args.push("--dry-run");
  if (flags.disableAssertions) args.push("--disable-assertions");
  if (flags.actionRetryLimit) args.push(`--action-retry-limit=${flags.actionRetryLimit}`);
  const vars = Object.entries(flags.vars ?? {});
  if (vars.length) args.push(`--vars=${vars.map(([key, value]) => `${key}=${value}`).join(",")}`);
  if (flags.schemaSuffix) args.push(`--schema-suffix=${flags.schemaSuffix}`);
  if (flags.defaultDatabase) args.push(`--default-database=${flags.defaultDatabase}`);
  const labels = Object.entries(flags.jobLabels ?? {});
  if (labels.length) args.push(`--job-labels=${labels.map(([key, value]) => `${key}=${value}`).join(",")}`);
  if (flags.json) args.push("--json");
  return args;
}

export async function runDataformCli(command: "run" | "test", projectDir: string, flags: DataformRunFlags): Promise<number> {
  const credentials = join(resolve(projectDir), ".df-credentials.json");
  if (!existsSync(credentials)) throw new MissingCredentialsError(credentials);
  const child = spawn(process.execPath, [dataformCli, ...dataformArguments(command, projectDir, flags)], { stdio: "inherit" });
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("exit", (code) => done(code ?? 1));
  });
}

/**
 * On the BigQuery target the real `dataform run` / `dataform test` do the work; this builds their
 * command line from ours and runs them with the project's settings and Application Default
 * Credentials (or the project's own .df-credentials.json when it has one): see dataformCredentials.ts.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { MissingTargetSettingError } from "../../loaders/bigquery/errors.js";
import { CREDENTIALS_FILENAME, prepareDataformCredentials } from "./dataformCredentials.js";
import { resolveWarehouseSettings, type WarehouseSettingFlags } from "./warehouseSettings.js";

const dataformCli = createRequire(import.meta.url).resolve("@dataform/cli/bundle.js");

/** The flags `dataform run` and our local `run` share. */
export interface RunSelectionFlags {
  actions?: string[];
  tags?: string[];
  includeDeps?: boolean;
  includeDependents?: boolean;
  fullRefresh?: boolean;
  dryRun?: boolean;
  disableAssertions?: boolean;
  actionRetryLimit?: number;
}

export interface DataformRunFlags extends RunSelectionFlags {
  vars?: Record<string, string>;
  schemaSuffix?: string;
  defaultDatabase?: string;
  defaultLocation?: string;
  /** The Dataform credentials file; without it Dataform reads <project>/.df-credentials.json. */
  credentialsPath?: string;
  json?: boolean;
  jobLabels?: Record<string, string>;
}

/** Labels on every BigQuery job `dataform run` starts, for cost reports (Architecture decision 8). */
export const RUN_JOB_LABELS = { app: "clickstream", step: "dataform-run" };

export class MissingCredentialsError extends Error {
  constructor(path: string) {
    super(
      `The BigQuery target needs a Google Cloud project: set GOOGLE_CLOUD_PROJECT (or --project) and sign in with ` +
        `\`gcloud auth application-default login\` (CI: Workload Identity Federation), or create ${path} ` +
        "with `npx dataform init-creds`; or use --target duckdb.",
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
  if (flags.defaultLocation) args.push(`--default-location=${flags.defaultLocation}`);
  if (flags.credentialsPath) args.push(`--credentials=${flags.credentialsPath}`);
  const labels = Object.entries(flags.jobLabels ?? {});
  if (labels.length) args.push(`--job-labels=${labels.map(([key, value]) => `${key}=${value}`).join(",")}`);
  if (flags.json) args.push("--json");
  return args;
}

export async function runDataformCli(
  command: "run" | "test",
  projectDir: string,
  flags: DataformRunFlags & WarehouseSettingFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const credentials = prepareDataformCredentials(projectDir, () => settingsOrExplain(projectDir, flags, env), env);
  const location = credentials.generatedFor?.location;
  const args = dataformArguments(command, projectDir, {
    ...flags,
    credentialsPath: credentials.credentialsPath,
    defaultDatabase: flags.defaultDatabase ?? credentials.projectId,
    ...(location ? { defaultLocation: location } : {}),
    ...(command === "run" ? { jobLabels: { ...RUN_JOB_LABELS, ...flags.jobLabels } } : {}),
  });
  try {
    const child = spawn(process.execPath, [dataformCli, ...args], { stdio: "inherit", env: credentials.env });
    return await new Promise((done, fail) => {
      child.on("error", fail);
      child.on("exit", (code) => done(code ?? 1));
    });
  } finally {
    credentials.cleanUp();
  }
}

function settingsOrExplain(projectDir: string, flags: WarehouseSettingFlags, env: NodeJS.ProcessEnv) {
  try {
    return resolveWarehouseSettings(flags, env);
  } catch (error) {
    if (error instanceof MissingTargetSettingError) throw new MissingCredentialsError(join(resolve(projectDir), CREDENTIALS_FILENAME));
    throw error;
  }
}

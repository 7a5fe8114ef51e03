/**
 * Credentials for the real `dataform run` without a key. Dataform 3.0.x reads a credentials file
 * (--credentials, default .df-credentials.json) and hands its `credentials` field to the BigQuery
 * client; a file with only projectId and location makes the client fall back to Application
 * Default Credentials (Dataform's cli/credentials.ts offers exactly this as "ADC"). So when the project has no
 * .df-credentials.json we write that file, from the project's settings, into a private temporary
 * directory. To act as a service account we also write an `impersonated_service_account` ADC file
 * whose source is the caller's own ADC (in CI, Workload Identity Federation's external account).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { WarehouseSettings } from "./warehouseSettings.js";

export const CREDENTIALS_FILENAME = ".df-credentials.json";

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialsError";
  }
}

/** What Dataform's credentials file holds for ADC: no `credentials` field, so no key. */
export function adcCredentialsFile(settings: Pick<WarehouseSettings, "projectId" | "location">): { projectId: string; location: string } {
  return { projectId: settings.projectId, location: settings.location };
}

export function impersonationUrl(serviceAccount: string): string {
  return `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:generateAccessToken`;
}

/** The caller's ADC file: GOOGLE_APPLICATION_CREDENTIALS, else gcloud's well-known location. */
export function sourceAdcPath(env: NodeJS.ProcessEnv): string {
  const explicit = env["GOOGLE_APPLICATION_CREDENTIALS"];
  const wellKnown = join(env["CLOUDSDK_CONFIG"] ?? join(homedir(), ".config", "gcloud"), "application_default_credentials.json");
  const path = explicit ?? wellKnown;
  if (!existsSync(path)) {
    throw new CredentialsError(
      `Impersonating a service account needs Application Default Credentials to start from, and ${path} does not exist. ` +
        "Run `gcloud auth application-default login` (or authenticate through Workload Identity Federation in CI).",
    );
  }
  return path;
}

export function impersonatedAdc(source: unknown, serviceAccount: string): Record<string, unknown> {
  return { type: "impersonated_service_account", service_account_impersonation_url: impersonationUrl(serviceAccount), source_credentials: source, delegates: [] };
}

export interface PreparedCredentials {
  /** Passed to `dataform run --credentials`. */
  credentialsPath: string;
  /** Environment for the Dataform process (GOOGLE_APPLICATION_CREDENTIALS when impersonating). */
  env: NodeJS.ProcessEnv;
  /** The project id the credentials name: the default database when none is given. */
  projectId?: string;
  /** The settings the file was generated from; absent when the project's own file is used. */
  generatedFor?: WarehouseSettings;
  cleanUp(): void;
}

function privateDirectory(): { path: string; cleanUp(): void } {
  const path = mkdtempSync(join(tmpdir(), "clickstream-credentials-"));
  return { path, cleanUp: () => rmSync(path, { recursive: true, force: true }) };
}

const writePrivate = (path: string, content: unknown) => writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });

/**
 * The project's own .df-credentials.json when it has one (the user's choice), otherwise a generated
 * ADC file; `settings` is only needed for the latter.
 */
export function prepareDataformCredentials(projectDir: string, settings: () => WarehouseSettings, env: NodeJS.ProcessEnv = process.env): PreparedCredentials {
  const own = join(resolve(projectDir), CREDENTIALS_FILENAME);
  if (existsSync(own)) {
    const projectId = (JSON.parse(readFileSync(own, "utf8")) as { projectId?: string }).projectId;
    return { credentialsPath: own, env, ...(projectId ? { projectId } : {}), cleanUp: () => undefined };
  }
  const resolved = settings();
  const directory = privateDirectory();
  const credentialsPath = join(directory.path, CREDENTIALS_FILENAME);
  writePrivate(credentialsPath, adcCredentialsFile(resolved));
  let childEnv = env;
  if (resolved.impersonateServiceAccount) {
    const source = JSON.parse(readFileSync(sourceAdcPath(env), "utf8")) as unknown;
    const impersonated = join(directory.path, "impersonated_adc.json");
    writePrivate(impersonated, impersonatedAdc(source, resolved.impersonateServiceAccount));
    childEnv = { ...env, GOOGLE_APPLICATION_CREDENTIALS: impersonated };
  }
  return { credentialsPath, env: childEnv, projectId: resolved.projectId, generatedFor: resolved, cleanUp: directory.cleanUp };
}

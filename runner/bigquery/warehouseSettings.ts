/**
 * Where the BigQuery target runs: project and location from flags, then the environment variables
 * the loaders and the cdktf outputs use. Credentials are never part of it: they come from
 * Application Default Credentials (gcloud locally, Workload Identity Federation in CI).
 */
import { MissingTargetSettingError } from "../../loaders/bigquery/errors.js";

export interface WarehouseSettings {
  projectId: string;
  /** BigQuery location of the datasets (US, EU, a region). */
  location: string;
  /** Run as this service account (impersonated through the caller's credentials). */
  impersonateServiceAccount?: string;
  /** A stand-in for the Google APIs (contract tests); unset for Google itself. */
  apiEndpoint?: string;
}

export interface WarehouseSettingFlags {
  project?: string;
  location?: string;
  impersonateServiceAccount?: string;
}

export function resolveWarehouseSettings(flags: WarehouseSettingFlags, env: NodeJS.ProcessEnv = process.env): WarehouseSettings {
  const projectId = flags.project ?? env["GOOGLE_CLOUD_PROJECT"];
  if (!projectId) throw new MissingTargetSettingError("Google Cloud project", "--project", "GOOGLE_CLOUD_PROJECT");
  const impersonate = flags.impersonateServiceAccount ?? env["CLICKSTREAM_IMPERSONATE_SERVICE_ACCOUNT"];
  const apiEndpoint = env["CLICKSTREAM_GOOGLE_API_ENDPOINT"];
  return {
    projectId,
    location: flags.location ?? env["CLICKSTREAM_LOCATION"] ?? "US",
    ...(impersonate ? { impersonateServiceAccount: impersonate } : {}),
    ...(apiEndpoint ? { apiEndpoint } : {}),
  };
}

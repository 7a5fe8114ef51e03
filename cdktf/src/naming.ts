/**
 * Names of the resources of one environment. Datasets follow Dataform's `--schema-suffix`
 * convention (`marts_dev`), so the compiled models and the provisioned datasets agree; production
 * keeps the plain names the rest of the project uses.
 */
import { isProduction, type EnvironmentSettings } from "./config/infraConfig.js";

export const DATASET_LAYERS = ["raw", "staging", "marts", "assertions"] as const;
export type DatasetLayer = (typeof DATASET_LAYERS)[number];

/** The suffix Dataform appends to schemas in this environment ("" in production). */
export function schemaSuffix(environment: EnvironmentSettings): string {
  return isProduction(environment) ? "" : environment.name;
}

export function datasetId(layer: DatasetLayer, environment: EnvironmentSettings): string {
  const suffix = schemaSuffix(environment);
  return suffix ? `${layer}_${suffix}` : layer;
}

/** Bucket names are global: the project id keeps them unique. */
export function landingBucketName(environment: EnvironmentSettings): string {
  return `${environment.projectId}-clickstream-${environment.name}`;
}

/** Service account ids are 6-30 characters. */
export function serviceAccountId(role: "loader" | "dataform" | "ci", environment: EnvironmentSettings): string {
  return `clickstream-${role}-${environment.name}`;
}

export const LABELS = { app: "clickstream", managed_by: "cdktf" } as const;

export function labels(environment: EnvironmentSettings, extra: Record<string, string> = {}): Record<string, string> {
  return { ...LABELS, environment: environment.name, ...extra };
}

/** Object prefixes in the landing bucket; the loaders and the transfer config use them. */
export const BUCKET_PREFIXES = {
  /** Originals uploaded by `clickstream load --target bigquery`. */
  landing: "landing/",
  /** Validated Parquet the loader lands with load jobs. */
  validated: "validated/",
  /** CSV drops picked up by the Data Transfer config, one folder per day (drops/YYYYMMDD/). */
  drops: "drops/",
} as const;

/** The raw table the transfer config loads into (see csvDropTransfer.ts). */
export const TRANSFER_TABLE = "events_transfer";

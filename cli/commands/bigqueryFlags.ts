/** Flags naming the Google Cloud resources of the BigQuery target (environment variables also work). */
import type { Command } from "commander";
import type { GoogleCloudTarget } from "../../loaders/bigquery/googleClients.js";

export interface BigqueryTargetFlags {
  project?: string;
  bucket?: string;
  location?: string;
  rawDataset?: string;
}

export function addBigqueryTargetFlags(command: Command): Command {
  return command
    .option("--project <id>", "Google Cloud project (bigquery target; or GOOGLE_CLOUD_PROJECT)")
    .option("--bucket <name>", "landing bucket (bigquery target; or CLICKSTREAM_BUCKET)")
    .option("--location <location>", "BigQuery location (bigquery target; or CLICKSTREAM_LOCATION, default US)")
    .option("--raw-dataset <name>", "dataset of the raw tables (bigquery target; default raw)");
}

export function targetFlags(flags: BigqueryTargetFlags): Partial<GoogleCloudTarget> {
  const picked: Partial<GoogleCloudTarget> = {};
  if (flags.project) picked.projectId = flags.project;
  if (flags.bucket) picked.bucket = flags.bucket;
  if (flags.location) picked.location = flags.location;
  if (flags.rawDataset) picked.rawDataset = flags.rawDataset;
  return picked;
}

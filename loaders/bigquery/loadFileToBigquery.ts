/**
 * `load --target bigquery`: validate locally (validateToParquet), keep the original file in the
 * landing bucket, then land the rows with BigQuery load jobs into scratch tables and move them into
 * the raw tables in one multi-statement transaction, so a file is either wholly visible or not at
 * all. Job ids derive from the content hash: a retried load finds its jobs already done.
 */
import { basename } from "node:path";
import type { BigQuery, Job } from "@google-cloud/bigquery";
import type { Storage } from "@google-cloud/storage";
import type { FileLoadResult, LoadOptions } from "../duckdb/loadFileToDuckdb.js";
import { RAW_TABLES } from "../rawTables.js";
import { decideReload, type ManifestEntry } from "../reloadDecision.js";
import { bigqueryRawTablesDdl, bigqueryTableReference, loadJobSchema } from "./bigqueryRawTables.js";
import type { GoogleCloudTarget } from "./googleClients.js";
import { validateToParquet } from "./validateToParquet.js";

export interface BigqueryClients {
  bigquery: BigQuery;
  storage: Storage;
}

export interface BigqueryLoadOptions extends Omit<LoadOptions, "sourceName" | "onProgress"> {
  /** The object already in the bucket (load --from gs://...), instead of uploading the file. */
  sourceUri?: string;
  onUploadProgress?: (bytes: number) => void;
}

export const JOB_LABELS = { app: "clickstream", step: "load" };

/**
 * gs://bucket/landing/name: where an uploaded source file is kept. The name alone identifies a file
 * across loads (a changed file under the same name needs --replace), so no date goes in the path.
 */
export function landingUri(target: GoogleCloudTarget, path: string): string {
  return `gs://${target.bucket}/landing/${basename(path)}`;
}

export function splitUri(uri: string): { bucket: string; object: string } {
  const match = /^gs:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new Error(`not a gs:// object URI: ${uri}`);
  return { bucket: match[1]!, object: match[2]! };
}

/** Runs a job with a fixed id; when that id already exists, waits for the existing job instead. */
async function runJobOnce(bigquery: BigQuery, target: GoogleCloudTarget, jobId: string, configuration: Record<string, unknown>): Promise<Job> {
  let job: Job;
  try {
    [job] = await bigquery.createJob({ jobId, location: target.location, configuration: { ...configuration, labels: JOB_LABELS } });
  } catch (error) {
    if ((error as { code?: number }).code !== 409) throw error;
    job = bigquery.job(jobId, { location: target.location });
  }
  const [metadata] = await job.promise().then(() => job.getMetadata());
  const failure = (metadata as { status?: { errorResult?: { message?: string } } }).status?.errorResult;
  if (failure) throw new Error(`BigQuery job ${jobId} failed: ${failure.message ?? "unknown error"}`);
  return job;
}

export async function ensureRawTables(bigquery: BigQuery, target: GoogleCloudTarget): Promise<void> {
  for (const statement of bigqueryRawTablesDdl(target.projectId, target.rawDataset, target.location)) {
    await bigquery.query({ query: statement, location: target.location, labels: JOB_LABELS });
  }
}

async function previousLoads(bigquery: BigQuery, target: GoogleCloudTarget, file: string, sha256: string): Promise<ManifestEntry[]> {
  const [rows] = await bigquery.query({
    query: `SELECT load_id, source_file, content_sha256 FROM ${bigqueryTableReference(target.projectId, target.rawDataset, "load_manifest")}
            WHERE content_sha256 = @sha256 OR source_file = @file`,
    params: { sha256, file },
    location: target.location,
    labels: JOB_LABELS,
  });
  return rows as ManifestEntry[];
}

async function uploadIfMissing(storage: Storage, path: string, uri: string, sha256: string, onProgress?: (bytes: number) => void): Promise<void> {
  const { bucket, object } = splitUri(uri);
  const file = storage.bucket(bucket).file(object);
  const [exists] = await file.exists();
  if (exists) {
    const [metadata] = await file.getMetadata();
    if (metadata.metadata?.["sha256"] === sha256) return;
  }
  await storage.bucket(bucket).upload(path, {
    destination: object,
    resumable: true,
    validation: "crc32c",
    metadata: { metadata: { sha256 } },
    onUploadProgress: (event: { bytesWritten: number }) => onProgress?.(event.bytesWritten),
  });
}

export async function loadFileToBigquery(
  path: string,
  target: GoogleCloudTarget,
  clients: BigqueryClients,
  options: BigqueryLoadOptions,
): Promise<FileLoadResult> {
  const started = performance.now();
  const sourceUri = options.sourceUri ?? landingUri(target, path);
  const validated = await validateToParquet(path, { ...options, sourceName: sourceUri });
  try {
    const { result } = validated;
    const decision = decideReload(await previousLoads(clients.bigquery, target, sourceUri, result.sha256), sourceUri, result.sha256, options.replace);
    if (decision.action === "skip") {
      return { ...result, status: "skipped", note: decision.note, loaded: 0, rejected: 0, rejectReasons: {}, durationMs: performance.now() - started };
    }
    if (!options.sourceUri) await uploadIfMissing(clients.storage, path, sourceUri, result.sha256, options.onUploadProgress);

    // A replacement is a new load of the same content, so it needs job ids of its own.
    const jobKey = `${result.sha256.slice(0, 32)}${decision.replacing ? `-replace-${result.loadId}` : ""}`.replace(/[^\w-]/g, "_");
    const scratch = (table: string) => `_load_${result.sha256.slice(0, 16)}_${table}`;
    for (const table of Object.keys(RAW_TABLES)) {
      const parquetUri = `gs://${target.bucket}/validated/${result.sha256}/${table}.parquet`;
      const { bucket, object } = splitUri(parquetUri);
      await clients.storage.bucket(bucket).upload(validated.parquet[table]!, { destination: object, resumable: false, validation: "crc32c" });
      await runJobOnce(clients.bigquery, target, `clickstream-load-${jobKey}-${table}`, {
        load: {
          sourceUris: [parquetUri],
          sourceFormat: "PARQUET",
          destinationTable: { projectId: target.projectId, datasetId: target.rawDataset, tableId: scratch(table) },
          schema: loadJobSchema(table),
          createDisposition: "CREATE_IF_NEEDED",
          writeDisposition: "WRITE_TRUNCATE",
          decimalTargetTypes: ["NUMERIC", "BIGNUMERIC"],
        },
      });
    }
    const ref = (table: string) => bigqueryTableReference(target.projectId, target.rawDataset, table);
    const file = JSON.stringify(sourceUri);
    const script = [
      "BEGIN TRANSACTION;",
      ...(decision.replacing
        ? [
            `DELETE FROM ${ref("events")} WHERE _source_file = ${file};`,
            `DELETE FROM ${ref("events_rejected")} WHERE _source_file = ${file};`,
            `DELETE FROM ${ref("load_manifest")} WHERE source_file = ${file} OR content_sha256 = ${JSON.stringify(result.sha256)};`,
          ]
        : []),
      ...Object.keys(RAW_TABLES).map((table) => `INSERT INTO ${ref(table)} SELECT * FROM ${ref(scratch(table))};`),
      "COMMIT TRANSACTION;",
      ...Object.keys(RAW_TABLES).map((table) => `DROP TABLE IF EXISTS ${ref(scratch(table))};`),
    ].join("\n");
    await runJobOnce(clients.bigquery, target, `clickstream-commit-${jobKey}`, { query: { query: script, useLegacySql: false } });
    return { ...result, status: decision.replacing ? "replaced" : "loaded", durationMs: performance.now() - started };
  } finally {
    validated.cleanUp();
  }
}

/**
 * The official Google Cloud clients, built one way for the whole project. In production they use
 * Application Default Credentials (gcloud locally, Workload Identity Federation in CI). `apiEndpoint`
 * points them elsewhere: an emulator, or the contract tests' recording server.
 */
import { BigQuery } from "@google-cloud/bigquery";
import { DataTransferServiceClient } from "@google-cloud/bigquery-data-transfer";
import { Storage } from "@google-cloud/storage";
import { MissingTargetSettingError } from "./errors.js";

export interface GoogleCloudTarget {
  projectId: string;
  /** BigQuery location of the datasets, such as US or EU. */
  location: string;
  /** Landing bucket (without gs://). */
  bucket: string;
  /** Dataset of the raw tables. */
  rawDataset: string;
  /** Base URL of a stand-in for the Google APIs (http://host:port); unset for Google itself. */
  apiEndpoint?: string;
  /** A bearer token instead of Application Default Credentials (for example `gcloud auth print-access-token`). */
  accessToken?: string;
}

/** Target settings from flags, then environment variables (the cdktf outputs name them). */
export function resolveTarget(flags: Partial<GoogleCloudTarget>, env: NodeJS.ProcessEnv = process.env): GoogleCloudTarget {
  const projectId = flags.projectId ?? env["GOOGLE_CLOUD_PROJECT"];
  const bucket = flags.bucket ?? env["CLICKSTREAM_BUCKET"];
  if (!projectId) throw new MissingTargetSettingError("Google Cloud project", "--project", "GOOGLE_CLOUD_PROJECT");
  if (!bucket) throw new MissingTargetSettingError("landing bucket", "--bucket", "CLICKSTREAM_BUCKET");
  return {
    projectId,
    bucket: bucket.replace(/^gs:\/\//, ""),
    location: flags.location ?? env["CLICKSTREAM_LOCATION"] ?? "US",
    rawDataset: flags.rawDataset ?? env["CLICKSTREAM_RAW_DATASET"] ?? "raw",
    apiEndpoint: flags.apiEndpoint ?? env["CLICKSTREAM_GOOGLE_API_ENDPOINT"],
    accessToken: flags.accessToken ?? env["CLICKSTREAM_ACCESS_TOKEN"],
  };
}

export function createStorage(target: GoogleCloudTarget): Storage {
  return new Storage({ projectId: target.projectId, ...(target.apiEndpoint ? { apiEndpoint: target.apiEndpoint } : {}) });
}

export function createBigquery(target: GoogleCloudTarget): BigQuery {
  return new BigQuery({
    projectId: target.projectId,
    location: target.location,
    ...(target.apiEndpoint ? { apiEndpoint: target.apiEndpoint } : {}),
  });
}

/** A bearer token presented the way google-gax's REST transport expects an auth client to. */
function staticTokenAuth(token: string) {
  const withToken = (headers?: HeadersInit) => {
    const result = new Headers(headers);
    result.set("authorization", `Bearer ${token}`);
    return result;
  };
  return {
    getRequestHeaders: async () => withToken(),
    fetch: (url: string | URL, init: RequestInit = {}) => fetch(url, { ...init, headers: withToken(init.headers) }),
  };
}

export function createDataTransfer(target: GoogleCloudTarget): DataTransferServiceClient {
  if (!target.apiEndpoint) {
    return new DataTransferServiceClient({ projectId: target.projectId, ...(target.accessToken ? { auth: staticTokenAuth(target.accessToken) as never } : {}) });
  }
  const url = new URL(target.apiEndpoint);
  return new DataTransferServiceClient({
    fallback: true,
    apiEndpoint: url.hostname,
    port: Number(url.port),
    protocol: url.protocol.replace(":", ""),
    auth: staticTokenAuth(target.accessToken ?? "unused") as never,
  } as ConstructorParameters<typeof DataTransferServiceClient>[0]);
}

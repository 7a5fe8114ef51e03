/**
 * A recording stand-in for the Google APIs the loaders call, answering as the REST references
 * document them: Cloud Storage JSON API (metadata, resumable and multipart uploads), BigQuery v2
 * (jobs.insert, dry runs included, jobs.get, jobs.query, jobs.getQueryResults, tables.list) and BigQuery Data Transfer v1
 * (startManualRuns, runs.get). Contract tests point the official clients at it and check the
 * requests they send. It stores uploaded bytes so tests can read what was uploaded.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { CRC32C } from "@google-cloud/storage";
import { scriptSteps } from "../../runner/zetasql/scriptSteps.js";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
  json?: Record<string, unknown>;
}

interface StoredObject {
  bucket: string;
  name: string;
  data: Buffer;
  metadata: Record<string, string>;
}

interface StoredJob {
  jobReference: { projectId: string; jobId: string; location?: string };
  configuration: Record<string, unknown>;
}

/** How the fake answers a dry-run job: the bytes it would process, or BigQuery's error for it. */
export type DryRunAnswer = { bytes: number; statementType?: string } | { notFound: string } | { invalid: string };

export interface FakeGoogleApis {
  endpoint: string;
  requests: RecordedRequest[];
  objects: Map<string, StoredObject>;
  jobs: Map<string, StoredJob>;
  /** Rows returned for queries on load_manifest. */
  manifestRows: Array<{ load_id: string; source_file: string; content_sha256: string }>;
  /** State numbers a transfer run goes through on successive runs.get calls (proto enum values). */
  transferStates: number[];
  /** Answers dry-run jobs (jobs.insert with configuration.dryRun); 0 bytes unless set. */
  dryRunAnswer: (query: string) => DryRunAnswer;
  /** Tables that exist, by "project.dataset" (tables.list); a dataset not named here is missing. */
  tables: Map<string, string[]>;
  close(): Promise<void>;
}

function objectResource(object: StoredObject) {
  const crc = new CRC32C();
  crc.update(object.data);
  return {
    kind: "storage#object",
    id: `${object.bucket}/${object.name}/1`,
    bucket: object.bucket,
    name: object.name,
    size: String(object.data.length),
    md5Hash: createHash("md5").update(object.data).digest("base64"),
    crc32c: crc.toString(),
    generation: "1",
    metadata: object.metadata,
  };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function notFound(response: ServerResponse, message: string) {
  send(response, 404, { error: { code: 404, message, status: "NOT_FOUND" } });
}

/** Splits a multipart/related body into its parts (JSON metadata, then media). */
function multipartParts(body: Buffer, contentType: string): Buffer[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return [];
  const text = body.toString("latin1");
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => Buffer.from(part.slice(part.indexOf("\r\n\r\n") + 4, part.length - 2), "latin1"));
}

export async function startFakeGoogleApis(): Promise<FakeGoogleApis> {
  const requests: RecordedRequest[] = [];
  const objects = new Map<string, StoredObject>();
  const uploads = new Map<string, { bucket: string; name: string; metadata: Record<string, string> }>();
  const jobs = new Map<string, StoredJob>();
  const fake: Omit<FakeGoogleApis, "endpoint" | "close"> = {
    requests,
    objects,
    jobs,
    manifestRows: [],
    transferStates: [3, 4],
    dryRunAnswer: () => ({ bytes: 0 }),
    tables: new Map(),
  };
  const transferPolls = new Map<string, number>();

  const handle = (request: IncomingMessage, body: Buffer, response: ServerResponse, base: string) => {
    const url = new URL(request.url ?? "/", base);
    const path = decodeURIComponent(url.pathname);
    const json = (request.headers["content-type"] ?? "").includes("application/json") && body.length ? JSON.parse(body.toString("utf8")) : undefined;
    requests.push({ method: request.method ?? "GET", path, query: url.searchParams, headers: request.headers, body, json });
    let match: RegExpExecArray | null;

    // Cloud Storage: object metadata or, with alt=media, its bytes.
    if (request.method === "GET" && (match = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(path))) {
      const object = objects.get(`${match[1]}/${match[2]}`);
      if (!object) return notFound(response, `No such object: ${match[1]}/${match[2]}`);
      if (url.searchParams.get("alt") !== "media") return send(response, 200, objectResource(object));
      const resource = objectResource(object);
      response.writeHead(200, {
        "content-type": "application/octet-stream",
        "x-goog-hash": `crc32c=${resource.crc32c},md5=${resource.md5Hash}`,
        "x-goog-stored-content-length": String(object.data.length),
      });
      return response.end(object.data);
    }
    // Cloud Storage: list objects under a prefix.
    if (request.method === "GET" && (match = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(path))) {
      const prefix = url.searchParams.get("prefix") ?? "";
      const items = [...objects.values()].filter((object) => object.bucket === match![1] && object.name.startsWith(prefix)).map(objectResource);
      return send(response, 200, { kind: "storage#objects", items });
    }
    // Cloud Storage: start a resumable upload, then send its bytes.
    if ((match = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(path))) {
      const bucket = match[1]!;
      if (request.method === "POST" && url.searchParams.get("uploadType") === "resumable") {
        const id = randomUUID();
        uploads.set(id, { bucket, name: url.searchParams.get("name") ?? json?.["name"], metadata: (json?.["metadata"] as Record<string, string>) ?? {} });
        const location = new URL(url.pathname, base);
        location.searchParams.set("uploadType", "resumable");
        location.searchParams.set("upload_id", id);
        return send(response, 200, {}, { location: location.toString() });
      }
      if (request.method === "PUT" && url.searchParams.has("upload_id")) {
        const upload = uploads.get(url.searchParams.get("upload_id")!);
        if (!upload) return notFound(response, "No such upload");
        const object = { ...upload, data: body };
        objects.set(`${upload.bucket}/${upload.name}`, object);
        return send(response, 200, objectResource(object));
      }
      if (request.method === "POST" && url.searchParams.get("uploadType") === "multipart") {
        const [metadataPart, media] = multipartParts(body, request.headers["content-type"] ?? "");
        const metadata = JSON.parse(metadataPart!.toString("utf8"));
        const object = { bucket, name: url.searchParams.get("name") ?? metadata.name, data: media ?? Buffer.alloc(0), metadata: metadata.metadata ?? {} };
        objects.set(`${bucket}/${object.name}`, object);
        return send(response, 200, objectResource(object));
      }
    }
    // BigQuery: jobs.insert as a dry run: nothing is created; statistics say what it would process.
    if (request.method === "POST" && /^\/bigquery\/v2\/projects\/[^/]+\/jobs$/.test(path) && (json?.["configuration"] as { dryRun?: boolean })?.dryRun) {
      const configuration = json?.["configuration"] as { query?: { query?: string } };
      const query = String(configuration.query?.query ?? "");
      // BigQuery's scripting rule, whatever the test's answer: every DECLARE before the script's other statements.
      const misplaced = scriptSteps(query).some((step) => step.kind === "declare" && step.afterOtherStatements);
      const answer = misplaced ? { invalid: "Variable declarations are allowed only at the start of a block or script" } : fake.dryRunAnswer(query);
      if ("notFound" in answer) {
        const message = `Not found: Table ${answer.notFound} was not found in location ${(json?.["jobReference"] as { location?: string })?.location ?? "US"}`;
        return send(response, 404, { error: { code: 404, message, errors: [{ message, domain: "global", reason: "notFound" }], status: "NOT_FOUND" } });
      }
      if ("invalid" in answer) {
        return send(response, 400, { error: { code: 400, message: answer.invalid, errors: [{ message: answer.invalid, domain: "global", reason: "invalidQuery" }], status: "INVALID_ARGUMENT" } });
      }
      const bytes = String(answer.bytes);
      return send(response, 200, {
        kind: "bigquery#job",
        jobReference: { projectId: (json?.["jobReference"] as { projectId?: string })?.projectId, location: (json?.["jobReference"] as { location?: string })?.location },
        configuration: json?.["configuration"],
        status: { state: "DONE" },
        statistics: {
          creationTime: String(Date.now()),
          totalBytesProcessed: bytes,
          query: { totalBytesProcessed: bytes, totalBytesBilled: "0", totalBytesProcessedAccuracy: "PRECISE", cacheHit: false, statementType: answer.statementType ?? "SELECT" },
        },
      });
    }
    // BigQuery: tables.list of a dataset.
    if (request.method === "GET" && (match = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables$/.exec(path))) {
      const tables = fake.tables.get(`${match[1]}.${match[2]}`);
      if (!tables) return notFound(response, `Not found: Dataset ${match[1]}:${match[2]}`);
      return send(response, 200, {
        kind: "bigquery#tableList",
        totalItems: tables.length,
        tables: tables.map((table) => ({ kind: "bigquery#table", id: `${match![1]}:${match![2]}.${table}`, tableReference: { projectId: match![1], datasetId: match![2], tableId: table }, type: "TABLE" })),
      });
    }
    // BigQuery: jobs.insert, with 409 for a job id that exists.
    if (request.method === "POST" && (match = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs$/.exec(path))) {
      const reference = { projectId: match[1]!, location: undefined, ...(json?.["jobReference"] as object) } as StoredJob["jobReference"];
      reference.jobId ??= randomUUID();
      if (jobs.has(reference.jobId)) {
        return send(response, 409, { error: { code: 409, message: `Already Exists: Job ${match[1]}:${reference.location}.${reference.jobId}`, status: "ALREADY_EXISTS" } });
      }
      const job = { jobReference: reference, configuration: json?.["configuration"] as Record<string, unknown> };
      jobs.set(reference.jobId, job);
      return send(response, 200, { kind: "bigquery#job", ...job, status: { state: "DONE" }, statistics: {} });
    }
    if (request.method === "GET" && (match = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs\/([^/]+)$/.exec(path))) {
      const job = jobs.get(match[2]!);
      return job ? send(response, 200, { kind: "bigquery#job", ...job, status: { state: "DONE" }, statistics: {} }) : notFound(response, `Not found: Job ${match[2]}`);
    }
    // BigQuery: jobs.query (the client's fast path) and jobs.getQueryResults.
    if (request.method === "POST" && (match = /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/.exec(path))) {
      const jobReference = { projectId: match[1]!, jobId: `query-${randomUUID()}`, location: json?.["location"] };
      const query = String(json?.["query"] ?? "");
      if (/FROM\s+`[^`]+\.load_manifest`/i.test(query)) {
        const params = Object.fromEntries(
          ((json?.["queryParameters"] as Array<{ name: string; parameterValue: { value: string } }>) ?? []).map((p) => [p.name, p.parameterValue.value]),
        );
        const rows = fake.manifestRows.filter((row) => row.content_sha256 === params["sha256"] || row.source_file === params["file"]);
        return send(response, 200, {
          kind: "bigquery#queryResponse",
          jobReference,
          jobComplete: true,
          totalRows: String(rows.length),
          schema: { fields: ["load_id", "source_file", "content_sha256"].map((name) => ({ name, type: "STRING", mode: "NULLABLE" })) },
          rows: rows.map((row) => ({ f: [{ v: row.load_id }, { v: row.source_file }, { v: row.content_sha256 }] })),
        });
      }
      return send(response, 200, { kind: "bigquery#queryResponse", jobReference, jobComplete: true, totalRows: "0", schema: { fields: [] }, rows: [] });
    }
    if (request.method === "GET" && /^\/bigquery\/v2\/projects\/[^/]+\/queries\/[^/]+$/.test(path)) {
      return send(response, 200, { kind: "bigquery#getQueryResultsResponse", jobComplete: true, totalRows: "0", schema: { fields: [] }, rows: [] });
    }
    // BigQuery Data Transfer: start manual runs, then follow a run.
    if (request.method === "POST" && (match = /^\/v1\/(projects\/[^/]+\/locations\/[^/]+\/transferConfigs\/[^/:]+):startManualRuns$/.exec(path))) {
      const run = { name: `${match[1]}/runs/${randomUUID()}`, state: 2, runTime: (json?.["requestedRunTime"] as string) ?? new Date().toISOString() };
      return send(response, 200, { runs: [run] });
    }
    if (request.method === "GET" && (match = /^\/v1\/(projects\/[^/]+\/locations\/[^/]+\/transferConfigs\/[^/]+\/runs\/[^/]+)$/.exec(path))) {
      const polls = transferPolls.get(match[1]!) ?? 0;
      transferPolls.set(match[1]!, polls + 1);
      const state = fake.transferStates[Math.min(polls, fake.transferStates.length - 1)]!;
      return send(response, 200, {
        name: match[1],
        state,
        dataSourceId: "google_cloud_storage",
        ...(state === 5 ? { errorStatus: { code: 3, message: "No files found matching gs://bucket/drops/*.csv" } } : {}),
      });
    }
    send(response, 501, { error: { code: 501, message: `The fake Google APIs do not handle ${request.method} ${path}` } });
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => handle(request, Buffer.concat(chunks), response, endpoint));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    ...fake,
    get manifestRows() {
      return fake.manifestRows;
    },
    set manifestRows(rows) {
      fake.manifestRows = rows;
    },
    get transferStates() {
      return fake.transferStates;
    },
    set transferStates(states) {
      fake.transferStates = states;
    },
    get dryRunAnswer() {
      return fake.dryRunAnswer;
    },
    set dryRunAnswer(answer) {
      fake.dryRunAnswer = answer;
    },
    endpoint,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * CONTRACT TESTS: the requests the BigQuery-target loader sends through the official Google clients
 * (@google-cloud/storage, @google-cloud/bigquery, @google-cloud/bigquery-data-transfer), checked
 * against a local recording server that answers as the REST references document. They prove the
 * requests are well formed and the flow is right; they cannot prove that Google accepts them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { downloadObject, listObjects } from "../../loaders/bigquery/downloadObject.js";
import { createBigquery, createDataTransfer, createStorage, resolveTarget, type GoogleCloudTarget } from "../../loaders/bigquery/googleClients.js";
import { ensureRawTables, loadFileToBigquery, type BigqueryClients } from "../../loaders/bigquery/loadFileToBigquery.js";
import { TransferRunFailedError } from "../../loaders/bigquery/errors.js";
import { runTransfer } from "../../loaders/bigquery/runTransfer.js";
import { ChangedFileError } from "../../loaders/errors.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { startFakeGoogleApis, type FakeGoogleApis } from "../support/fakeGoogleApis.js";
import { BAD_INPUT, openLoadHarness } from "../support/loadHarness.js";
import { runCli } from "../support/runCli.js";

const FILE = join(BAD_INPUT, "bad_values.csv");
const URI = "gs://landing-bucket/landing/bad_values.csv";
const OPTIONS = { replace: "never" as const, maxRejected: { kind: "percent" as const, value: 100 }, mapColumns: false };

let fake: FakeGoogleApis;
let target: GoogleCloudTarget;
let clients: BigqueryClients;

beforeAll(() => {
  process.env["METADATA_SERVER_DETECTION"] = "none";
});
beforeEach(async () => {
  fake = await startFakeGoogleApis();
  target = resolveTarget({ projectId: "clickstream-test", bucket: "gs://landing-bucket", apiEndpoint: fake.endpoint, location: "EU" }, {});
  clients = { bigquery: createBigquery(target), storage: createStorage(target) };
});
afterEach(() => fake.close());

const jobInserts = () => fake.requests.filter((request) => request.method === "POST" && request.path.endsWith("/jobs"));
const queries = () => fake.requests.filter((request) => request.method === "POST" && request.path.endsWith("/queries")).map((request) => String(request.json?.["query"]));

async function readParquet(name: string): Promise<Array<Record<string, unknown>>> {
  const object = fake.objects.get(`landing-bucket/validated/${(await sha256Of(FILE))}/${name}.parquet`)!;
  const path = join(tmpdir(), `contract-${name}-${process.pid}.parquet`);
  writeFileSync(path, object.data);
  const warehouse = await DuckdbWarehouse.open(":memory:");
  try {
    return (await warehouse.connection.runAndReadAll(`SELECT * FROM '${path}'`)).getRowObjectsJson() as Array<Record<string, unknown>>;
  } finally {
    warehouse.close();
    (await import("node:fs")).rmSync(path);
  }
}

async function sha256Of(path: string): Promise<string> {
  return (await import("node:crypto")).createHash("sha256").update(readFileSync(path)).digest("hex");
}

describe("load --target bigquery (contract)", () => {
  it("creates the raw dataset and tables with partitioning, clustering and labels", async () => {
    await ensureRawTables(clients.bigquery, target);
    const ddl = queries();
    expect(ddl[0]).toBe('CREATE SCHEMA IF NOT EXISTS `clickstream-test.raw` OPTIONS(location="EU", labels=[("app", "clickstream")])');
    expect(ddl[1]).toMatch(/^CREATE TABLE IF NOT EXISTS `clickstream-test\.raw\.events` \(\n  event_time TIMESTAMP OPTIONS/);
    expect(ddl[1]).toMatch(/PARTITION BY DATE\(event_time\)\nCLUSTER BY event_type, _source_file/);
    expect(ddl[2]).toMatch(/`clickstream-test\.raw\.events_rejected`[\s\S]*PARTITION BY DATE\(_loaded_at\)/);
    for (const request of fake.requests) expect(request.json?.["labels"]).toEqual({ app: "clickstream", step: "load" });
  });

  it("uploads the original resumably with its hash, lands validated Parquet with load jobs and commits in one transaction", async () => {
    const result = await loadFileToBigquery(FILE, target, clients, OPTIONS);
    expect(result).toMatchObject({ status: "loaded", file: URI, lines: 8, loaded: 1, rejected: 7 });

    const manifestQuery = fake.requests.find((request) => String(request.json?.["query"]).includes("load_manifest"))!;
    expect(manifestQuery.json).toMatchObject({ parameterMode: expect.stringMatching(/^named$/i), location: "EU" });
    expect(manifestQuery.json?.["queryParameters"]).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "file", parameterValue: { value: URI } })]),
    );

    const start = fake.requests.find((request) => request.query.get("uploadType") === "resumable" && request.method === "POST")!;
    expect(start.query.get("name")).toBe("landing/bad_values.csv");
    expect(start.json).toEqual({ metadata: { sha256: result.sha256 } });
    expect(fake.objects.get("landing-bucket/landing/bad_values.csv")!.data.equals(readFileSync(FILE))).toBe(true);

    const loads = jobInserts().slice(0, 3).map((request) => request.json as { jobReference: { jobId: string; location: string }; configuration: { load: Record<string, unknown>; labels: unknown } });
    expect(loads.map((job) => job.jobReference.jobId)).toEqual(
      ["events", "events_rejected", "load_manifest"].map((table) => `clickstream-load-${result.sha256.slice(0, 32)}-${table}`),
    );
    for (const job of loads) {
      expect(job.jobReference.location).toBe("EU");
      expect(job.configuration.labels).toEqual({ app: "clickstream", step: "load" });
      expect(job.configuration.load).toMatchObject({ sourceFormat: "PARQUET", writeDisposition: "WRITE_TRUNCATE", createDisposition: "CREATE_IF_NEEDED" });
    }
    expect(loads[0]!.configuration.load["destinationTable"]).toEqual({ projectId: "clickstream-test", datasetId: "raw", tableId: `_load_${result.sha256.slice(0, 16)}_events` });
    expect((loads[0]!.configuration.load["schema"] as { fields: Array<{ name: string; type: string }> }).fields.slice(0, 3)).toEqual([
      { name: "event_time", type: "TIMESTAMP", mode: "NULLABLE" },
      { name: "event_type", type: "STRING", mode: "NULLABLE" },
      { name: "product_id", type: "INT64", mode: "NULLABLE" },
    ]);

    const commit = jobInserts()[3]!.json as { jobReference: { jobId: string }; configuration: { query: { query: string; useLegacySql: boolean } } };
    expect(commit.jobReference.jobId).toBe(`clickstream-commit-${result.sha256.slice(0, 32)}`);
    expect(commit.configuration.query.useLegacySql).toBe(false);
    expect(commit.configuration.query.query.split("\n")).toEqual([
      "BEGIN TRANSACTION;",
      `INSERT INTO \`clickstream-test.raw.events\` SELECT * FROM \`clickstream-test.raw._load_${result.sha256.slice(0, 16)}_events\`;`,
      `INSERT INTO \`clickstream-test.raw.events_rejected\` SELECT * FROM \`clickstream-test.raw._load_${result.sha256.slice(0, 16)}_events_rejected\`;`,
      `INSERT INTO \`clickstream-test.raw.load_manifest\` SELECT * FROM \`clickstream-test.raw._load_${result.sha256.slice(0, 16)}_load_manifest\`;`,
      "COMMIT TRANSACTION;",
      ...["events", "events_rejected", "load_manifest"].map((table) => `DROP TABLE IF EXISTS \`clickstream-test.raw._load_${result.sha256.slice(0, 16)}_${table}\`;`),
    ]);
  });

  it("gives the same accounting as the local load: the uploaded Parquet holds the same rows", async () => {
    await loadFileToBigquery(FILE, target, clients, OPTIONS);
    const local = await openLoadHarness();
    try {
      await local.load(FILE, { maxRejected: OPTIONS.maxRejected });
      const localRejected = await local.rows<{ _source_line: string; reason: string }>("SELECT _source_line, reason FROM raw.events_rejected ORDER BY 1");
      const uploadedRejected = (await readParquet("events_rejected")).sort((a, b) => Number(a["_source_line"]) - Number(b["_source_line"]));
      expect(uploadedRejected.map((row) => ({ _source_line: row["_source_line"], reason: row["reason"] }))).toEqual(localRejected);
      expect((await readParquet("events")).map((row) => [row["_source_file"], row["_source_line"], row["product_id"]])).toEqual([[URI, "9", "42"]]);
      expect((await readParquet("load_manifest"))[0]).toMatchObject({ source_file: URI, lines: "8", loaded_rows: "1", rejected_rows: "7" });
    } finally {
      local.close();
    }
  });

  it("skips a file whose content the manifest already has: no upload, no job", async () => {
    fake.manifestRows = [{ load_id: "earlier", source_file: URI, content_sha256: await sha256Of(FILE) }];
    expect(await loadFileToBigquery(FILE, target, clients, OPTIONS)).toMatchObject({ status: "skipped", note: "already loaded by earlier" });
    expect(jobInserts()).toHaveLength(0);
    expect(fake.objects.size).toBe(0);
  });

  it("a retried load reuses its jobs (409 Already Exists) instead of loading twice", async () => {
    await loadFileToBigquery(FILE, target, clients, OPTIONS);
    const jobsBefore = fake.jobs.size;
    // The manifest does not know the file yet, as if the first attempt had died before the commit finished.
    await loadFileToBigquery(FILE, target, clients, OPTIONS);
    expect(fake.jobs.size).toBe(jobsBefore);
    expect(fake.requests.filter((request) => request.method === "POST" && request.path.endsWith("/jobs")).length).toBe(8);
  });

  it("refuses a changed file unless --replace, which deletes its old rows inside the same transaction", async () => {
    fake.manifestRows = [{ load_id: "earlier", source_file: URI, content_sha256: "0".repeat(64) }];
    await expect(loadFileToBigquery(FILE, target, clients, OPTIONS)).rejects.toThrow(ChangedFileError);
    const result = await loadFileToBigquery(FILE, target, clients, { ...OPTIONS, replace: "always" });
    expect(result.status).toBe("replaced");
    const commit = jobInserts().at(-1)!.json as { jobReference: { jobId: string }; configuration: { query: { query: string } } };
    expect(commit.jobReference.jobId).toMatch(new RegExp(`^clickstream-commit-${result.sha256.slice(0, 32)}-replace-`));
    expect(commit.configuration.query.query.split("\n").slice(0, 4)).toEqual([
      "BEGIN TRANSACTION;",
      `DELETE FROM \`clickstream-test.raw.events\` WHERE _source_file = "${URI}";`,
      `DELETE FROM \`clickstream-test.raw.events_rejected\` WHERE _source_file = "${URI}";`,
      `DELETE FROM \`clickstream-test.raw.load_manifest\` WHERE source_file = "${URI}" OR content_sha256 = "${result.sha256}";`,
    ]);
  });

  it("--from gs://: lists, downloads (checksum-validated) and loads objects already in the bucket, without re-uploading them", async () => {
    const data = readFileSync(FILE);
    fake.objects.set("landing-bucket/drops/day1.csv", { bucket: "landing-bucket", name: "drops/day1.csv", data, metadata: {} });
    fake.objects.set("landing-bucket/drops/readme.txt", { bucket: "landing-bucket", name: "drops/readme.txt", data: Buffer.from("x"), metadata: {} });
    expect(await listObjects(clients.storage, "gs://landing-bucket/drops/*.csv")).toEqual(["gs://landing-bucket/drops/day1.csv"]);
    const copy = await downloadObject(clients.storage, "gs://landing-bucket/drops/day1.csv");
    try {
      expect(readFileSync(copy.path).equals(data)).toBe(true);
      const result = await loadFileToBigquery(copy.path, target, clients, { ...OPTIONS, sourceUri: "gs://landing-bucket/drops/day1.csv" });
      expect(result).toMatchObject({ file: "gs://landing-bucket/drops/day1.csv", loaded: 1 });
      expect(fake.requests.some((request) => request.query.get("name") === "landing/day1.csv")).toBe(false);
    } finally {
      copy.cleanUp();
    }
  });
});

describe("transfer (contract)", () => {
  afterAll(() => undefined);

  it("starts a manual run of the transfer config and follows it until it succeeds", async () => {
    const client = createDataTransfer({ ...target, accessToken: "contract-token" });
    const config = "projects/clickstream-test/locations/eu/transferConfigs/landing-drops";
    const states: string[] = [];
    const result = await runTransfer(client, config, { pollMs: 1, onState: (state) => states.push(state) });
    expect(result.state).toBe("SUCCEEDED");
    expect(states).toEqual(["RUNNING", "SUCCEEDED"]);
    const start = fake.requests.find((request) => request.path.endsWith(":startManualRuns"))!;
    expect(start.path).toBe(`/v1/${config}:startManualRuns`);
    expect(start.headers["authorization"]).toBe("Bearer contract-token");
    expect(Date.parse(String(start.json?.["requestedRunTime"]))).toBeGreaterThan(Date.now() - 60_000);
  });

  it("reports a failed run with the service's message", async () => {
    fake.transferStates = [3, 5];
    const client = createDataTransfer({ ...target, accessToken: "contract-token" });
    await expect(runTransfer(client, "projects/p/locations/eu/transferConfigs/c", { pollMs: 1 })).rejects.toThrow(TransferRunFailedError);
    fake.transferStates = [5];
    await expect(runTransfer(client, "projects/p/locations/eu/transferConfigs/c", { pollMs: 1 })).rejects.toThrow(/ended FAILED: No files found matching/);
  });
});

describe("the clickstream executable on the BigQuery target (contract)", () => {
  it("load --target bigquery and transfer talk to the configured endpoint and print the accounting", async () => {
    const env = {
      CLICKSTREAM_GOOGLE_API_ENDPOINT: fake.endpoint,
      CLICKSTREAM_ACCESS_TOKEN: "contract-token",
      GOOGLE_CLOUD_PROJECT: "clickstream-test",
      CLICKSTREAM_BUCKET: "landing-bucket",
      METADATA_SERVER_DETECTION: "none",
    };
    const load = await runCli(["load", "--target", "bigquery", FILE, "--max-rejected", "100%"], { env });
    expect(load.stderr).toBe("");
    expect(load.exitCode).toBe(0);
    expect(load.stdout).toContain(`${URI}: 8 lines = 1 loaded + 7 quarantined`);
    expect(jobInserts()).toHaveLength(4);

    const transfer = await runCli(["transfer", "--config", "projects/clickstream-test/locations/us/transferConfigs/drops", "--json"], { env });
    expect(transfer.exitCode).toBe(0);
    expect(JSON.parse(transfer.stdout)).toMatchObject({ status: "successful", state: "SUCCEEDED" });
  });
});

/**
 * CONTRACT TESTS: the BigQuery dry-run byte estimate (runner/bigquery/) and `clickstream run
 * --target bigquery --dry-run`, through the official @google-cloud/bigquery client against the
 * local recording server (tests/support/fakeGoogleApis.ts), which answers dry-run jobs as the REST
 * reference documents (statistics.query.totalBytesProcessed). They prove what is sent and how the
 * answers are added up; they cannot prove BigQuery's own estimates.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDryRunBigquery } from "../../runner/bigquery/bigqueryDryRunClient.js";
import type { BytesEstimate } from "../../runner/bigquery/estimateBytes.js";
import { estimateGraphBytes } from "../../runner/bigquery/estimateGraphBytes.js";
import { compileProject } from "../../runner/compile/compileProject.js";
import type { CompiledGraph } from "../../runner/graph/compiledGraph.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";
import { startFakeGoogleApis, type FakeGoogleApis } from "../support/fakeGoogleApis.js";
import { runCli } from "../support/runCli.js";

const PROJECT = "clickstream-test";
let graph: CompiledGraph;
let fake: FakeGoogleApis;

beforeAll(async () => {
  process.env["METADATA_SERVER_DETECTION"] = "none";
  graph = await compileProject({ projectDir: REPOSITORY_ROOT, defaultDatabase: PROJECT });
});
beforeEach(async () => {
  fake = await startFakeGoogleApis();
  // 1 MiB for anything reading raw events, 1 KiB otherwise.
  fake.dryRunAnswer = (query) => ({ bytes: query.includes(`${PROJECT}.raw.events\``) ? 1_048_576 : 1024 });
});
afterEach(() => fake.close());

const dryRunJobs = () =>
  fake.requests
    .filter((request) => request.method === "POST" && request.path === `/bigquery/v2/projects/${PROJECT}/jobs`)
    .map((request) => request.json as { jobReference: { location: string }; configuration: { dryRun: boolean; labels: Record<string, string>; query: { query: string; useLegacySql: boolean } } });

async function estimate(selection: { actions?: string[]; tags?: string[] }, fullRefresh: boolean): Promise<BytesEstimate> {
  const bigquery = createDryRunBigquery({ projectId: PROJECT, location: "EU", apiEndpoint: fake.endpoint });
  return estimateGraphBytes(graph, { bigquery, selection, fullRefresh });
}

describe("BigQuery dry-run estimate (contract)", () => {
  it("full refresh: dry-runs each action's SELECT as a labelled standard-SQL dry-run job in the location, and adds up the bytes", async () => {
    const result = await estimate({ actions: ["stg_events", "sessions", "staging_reconciles_with_raw"] }, true);
    const jobs = dryRunJobs();
    expect(jobs).toHaveLength(3);
    for (const job of jobs) {
      expect(job.configuration).toMatchObject({ dryRun: true, labels: { app: "clickstream", step: "dry-run" }, query: { useLegacySql: false } });
      expect(job.jobReference.location).toBe("EU");
      expect(job.configuration.query.query).not.toMatch(/^\s*(create|insert|merge|declare)\b/i);
    }
    expect(jobs.find((job) => job.configuration.query.query.startsWith("select sum(1) as row_count from ("))).toBeDefined();
    const byName = Object.fromEntries(result.actions.map((action) => [action.name.split(".").at(-1), action]));
    expect(byName["stg_events"]).toMatchObject({ mode: "table", bytesProcessed: 1_048_576, complete: true });
    expect(byName["sessions"]).toMatchObject({ mode: "table", bytesProcessed: 1024, complete: true });
    expect(result.totalBytesProcessed).toBe(result.actions.reduce((sum, action) => sum + action.bytesProcessed, 0));
    expect(result.failedActions).toEqual([]);
  });

  it("incremental: an existing incremental table is estimated from its pre-operations' DECLARE and its incremental query", async () => {
    fake.tables.set(`${PROJECT}.staging`, ["stg_events"]);
    const result = await estimate({ actions: ["stg_events"] }, false);
    const action = result.actions[0]!;
    expect(action).toMatchObject({ mode: "incremental", complete: false });
    expect(action.caveats).toEqual([expect.stringMatching(/MERGE step also reads the target/)]);
    // Each statement of the pre-operations on its own: the watermark's DECLARE (a read of the model
    // itself), the dates' DECLARE, which uses it, then its first and last date's; then the query with
    // bare declarations of the variables it uses.
    const [watermark, dates, first, last, query] = action.statements;
    expect(action.statements.map((statement) => statement.role)).toEqual(["declaration", "declaration", "declaration", "declaration", "query"]);
    expect(watermark).toMatchObject({ status: "estimated", bytesProcessed: 1024 });
    expect(watermark!.sql).toBe(
      `SELECT (SELECT COALESCE(MAX(loaded_through), TIMESTAMP '1970-01-01 00:00:00 UTC') FROM \`${PROJECT}.staging.stg_events\`) AS self_watermark`,
    );
    expect(dates).toMatchObject({ status: "estimated-without-variable-values", bytesProcessed: 1_048_576 });
    expect(dates!.sql).toMatch(/^DECLARE self_watermark TIMESTAMP;\nSELECT \(\s*SELECT ARRAY_AGG\(DISTINCT affected_date[^;]*_loaded_at > self_watermark[^;]* AS stg_event_dates;$/);
    expect(first!.sql).toBe("DECLARE stg_event_dates ARRAY<DATE>;\nSELECT (SELECT MIN(d) FROM UNNEST(stg_event_dates) AS d) AS stg_event_dates_first;");
    expect(last).toMatchObject({ status: "estimated-without-variable-values", bytesProcessed: 1024 });
    expect(query).toMatchObject({ status: "estimated-without-variable-values", bytesProcessed: 1_048_576 });
    expect(query!.sql.split("\n").slice(0, 4)).toEqual([
      "DECLARE self_watermark TIMESTAMP;",
      "DECLARE stg_event_dates ARRAY<DATE>;",
      "DECLARE stg_event_dates_first DATE;",
      "DECLARE stg_event_dates_last DATE;",
    ]);
    expect(query!.sql).toMatch(/IN UNNEST\(stg_event_dates\)/);
    expect(action.bytesProcessed).toBe(2 * 1_048_576 + 3 * 1024);
    expect(fake.requests.some((request) => request.method === "GET" && request.path === `/bigquery/v2/projects/${PROJECT}/datasets/staging/tables`)).toBe(true);
  });

  it("incremental: the rejects' pre-operations, DECLAREs first and then SETs, each dry-run as BigQuery accepts it", async () => {
    fake.tables.set(`${PROJECT}.staging`, ["stg_events_rejected", "stg_events_rejected_manifest"]);
    const result = await estimate({ actions: ["stg_events_rejected"] }, false);
    const action = result.actions[0]!;
    expect(result.failedActions).toEqual([]);
    expect(action.statements.every((statement) => statement.status !== "failed")).toBe(true);
    const assignment = action.statements.find((statement) => statement.sql.includes("AS rejects_checked_through"));
    expect(assignment).toMatchObject({ role: "assignment", status: "estimated-without-variable-values", bytesProcessed: 1_048_576 });
    expect(assignment!.sql).toBe(
      `DECLARE rejects_checked_after TIMESTAMP;\nSELECT (SELECT MAX(_loaded_at) FROM \`${PROJECT}.raw.events\` WHERE _loaded_at > rejects_checked_after) AS rejects_checked_through;`,
    );
    expect(action.statements.map((statement) => statement.role)).toContain("post-operation");
  });

  it("a statement reading a table this run creates waits for it; any other rejection is a failure", async () => {
    fake.dryRunAnswer = (query) =>
      query.includes(`${PROJECT}.staging.stg_events\``) ? { notFound: `${PROJECT}:staging.stg_events` } : query.includes("marts.sessions`") ? { invalid: "Syntax error: Unexpected keyword" } : { bytes: 10 };
    const result = await estimate({ actions: ["stg_events", "int_session_events", "session_quality"] }, true);
    const byName = Object.fromEntries(result.actions.map((action) => [action.name.split(".").at(-1), action]));
    expect(byName["int_session_events"]!.statements[0]).toMatchObject({ status: "waits-for-dependency", detail: expect.stringContaining(`${PROJECT}.staging.stg_events, which this run creates`) });
    expect(byName["session_quality"]!.statements[0]).toMatchObject({ status: "failed", detail: "Syntax error: Unexpected keyword" });
    expect(result.failedActions).toEqual([`${PROJECT}.marts.session_quality`]);
  });
});

describe("clickstream run --target bigquery --dry-run (contract)", () => {
  const env = () => ({ CLICKSTREAM_GOOGLE_API_ENDPOINT: fake.endpoint, GOOGLE_CLOUD_PROJECT: PROJECT, CLICKSTREAM_LOCATION: "EU", METADATA_SERVER_DETECTION: "none" });

  it("prints the bytes per action and the total, as text and as one JSON document", async () => {
    const text = await runCli(["run", "--target", "bigquery", "--dry-run", "--actions", "stg_events", "event_type_by_hour"], { env: env() });
    expect(text.stderr).toBe("");
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain(`BigQuery dry run in ${PROJECT}: bytes each action would process.`);
    expect(text.stdout).toMatch(/clickstream-test\.staging\.stg_events\s+table\s+1\.0 MiB/);
    expect(text.stdout).toMatch(/Total: 1\.0 MiB \(1049600 bytes\) over 2 actions\. Nothing was changed\./);

    const json = await runCli(["run", "--target", "bigquery", "--dry-run", "--tags", "daily", "--full-refresh", "--json"], { env: env() });
    expect(json.exitCode).toBe(0);
    const document = JSON.parse(json.stdout) as BytesEstimate & { dryRun: boolean; fullRefresh: boolean };
    expect(document).toMatchObject({ dryRun: true, target: "bigquery", projectId: PROJECT, location: "EU", fullRefresh: true, failedActions: [] });
    expect(document.actions.length).toBeGreaterThan(15);
    expect(document.totalBytesProcessed).toBeGreaterThan(0);
  });

  it("exits 1 when BigQuery rejects an action's SQL", async () => {
    fake.dryRunAnswer = () => ({ invalid: "Unrecognized name: evnt_time" });
    const result = await runCli(["run", "--target", "bigquery", "--dry-run", "--actions", "stg_events"], { env: env() });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("Unrecognized name: evnt_time");
    expect(result.stderr).toContain(`BigQuery rejected the SQL of: ${PROJECT}.staging.stg_events`);
  });

  it("names the missing setting when no project is configured", async () => {
    const result = await runCli(["run", "--target", "bigquery", "--dry-run"], { env: { GOOGLE_CLOUD_PROJECT: "", METADATA_SERVER_DETECTION: "none" } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("The BigQuery target needs the Google Cloud project: pass --project or set GOOGLE_CLOUD_PROJECT.");
  });
});

/**
 * `clickstream check`: every statement `dataform run` would send for this project, and its unit
 * tests, analyzed by ZetaSQL; what cannot be analyzed is listed by name; unsupported platforms are
 * told so, and `run` goes on with a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckedStatement } from "../../runner/zetasql/checkGraph.js";
import { copyFixtureProject, type FixtureProject } from "../support/fixtureProject.js";
import { runCli } from "../support/runCli.js";

interface CheckJson {
  status: string;
  accepted: number;
  refused: number;
  notAnalyzed: number;
  statements: CheckedStatement[];
}

describe("clickstream check", () => {
  let shop: FixtureProject;
  beforeAll(() => {
    shop = copyFixtureProject("shop");
  });
  afterAll(() => shop.remove());

  it("accepts every statement of this project and its unit tests, none left unanalyzed", async () => {
    const { exitCode, stdout } = await runCli(["check", "--json", "--warehouse", ":memory:"]);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout) as CheckJson;
    expect(report.status).toBe("accepted");
    expect(report.refused).toBe(0);
    expect(report.notAnalyzed).toBe(0);
    expect(report.accepted).toBe(report.statements.length);
    const scripts = new Set(report.statements.map((statement) => statement.script));
    for (const kind of ["first build / full refresh", "incremental write", "assertion view", "assertion row count", "unit test query", "unit test expected rows"]) {
      expect(scripts, kind).toContain(kind);
    }
    // Incremental writes are checked with the variables their pre-operations declare.
    expect(report.statements.some((statement) => statement.script === "incremental write" && /IN UNNEST\(stg_event_dates\)/.test(statement.sql))).toBe(true);
    // MAX_BY/MIN_BY reach this ZetaSQL build rewritten, and the rewrite is reported.
    expect(report.statements.some((statement) => statement.rewrites?.some((rewrite) => rewrite.startsWith("MAX_BY")))).toBe(true);
    expect(report.statements.length).toBeGreaterThan(200);
  });

  it("lists by name what it cannot analyze: unknown source schemas and onSchemaChange procedures", async () => {
    const { exitCode, stdout } = await runCli(["check", "--project-dir", shop.dir, "--warehouse", shop.warehousePath]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/not analyzed \(all\): the schema of source fixture-project\.src\.orders is unknown/);
    expect(stdout).toMatch(/BigQuery check \(ZetaSQL\): \d+ statements of \d+ actions in .*: \d+ accepted, 0 refused, [1-9]\d* not analyzed\./);
  });

  it("reads unknown source schemas from the warehouse, and then analyzes their readers", async () => {
    await shop.execute(
      "CREATE SCHEMA IF NOT EXISTS src; CREATE OR REPLACE TABLE src.orders (order_id INTEGER, customer_id INTEGER, ordered_at TIMESTAMPTZ, amount DECIMAL(10, 2), status VARCHAR)",
    );
    const { exitCode, stdout } = await runCli(["check", "--json", "--project-dir", shop.dir, "--warehouse", shop.warehousePath]);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout) as CheckJson;
    expect(report.statements.filter((statement) => statement.verdict === "not analyzed").map((statement) => statement.message)).toEqual(
      report.statements.filter((statement) => statement.script.startsWith("onSchemaChange")).map(() => expect.stringMatching(/schema-change procedure/)),
    );
  });

  it("on a platform ZetaSQL has no build for: check says so and fails, run warns and goes on", async () => {
    const env = { CLICKSTREAM_ZETASQL_PLATFORM: "win32-x64" };
    const check = await runCli(["check", "--project-dir", shop.dir, "--warehouse", shop.warehousePath], { env });
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toContain("BigQuery's offline check (ZetaSQL) has no build for win32-x64");
    const run = await runCli(["run", "--project-dir", shop.dir, "--warehouse", shop.warehousePath, "--actions", "recent_orders"], { env });
    expect(run.stderr).toContain("Warning: BigQuery's offline check did not run");
    expect(run.stdout).toMatch(/Ran 1 actions/);
  });
});

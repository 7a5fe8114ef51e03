/** The `clickstream` executable end to end: exit codes, human output and --json. */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixtureProject, REPOSITORY_ROOT, shopOrdersSql, type FixtureProject } from "../support/fixtureProject.js";
import { runCli } from "../support/runCli.js";

let shop: FixtureProject;
let project: string[];

beforeAll(async () => {
  shop = copyFixtureProject("shop");
  project = ["--project-dir", shop.dir, "--warehouse", shop.warehousePath];
  await shop.execute(
    shopOrdersSql(["(1, 10, TIMESTAMPTZ '2024-01-01 10:00:00+00', 5.50, 'placed')", "(2, 11, TIMESTAMPTZ '2024-01-02 10:00:00+00', 1.25, 'placed')"]),
  );
});
afterAll(() => shop.remove());

describe("clickstream run", () => {
  it("prints one line per action and a summary, and exits 0", async () => {
    const { exitCode, stdout } = await runCli(["run", ...project, "--tags", "daily"]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/✔ fixture-project\.shop_staging\.stg_orders \(create\)/);
    expect(stdout).toMatch(/○ fixture-project\.shop\.legacy_report disabled/);
    expect(stdout).toMatch(/Ran \d+ actions in .*: \d+ successful, 1 disabled\./);
  });

  it("--json prints one JSON document on stdout and the log on stderr", async () => {
    const { exitCode, stdout, stderr } = await runCli(["run", ...project, "--actions", "customer_totals", "--json"]);
    expect(exitCode).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ status: "successful", dryRun: false, actions: [{ name: "fixture-project.shop.customer_totals", status: "successful" }] });
    expect(stderr).toContain("customer_totals");
  });

  it("exits 1 and names the action, its file and the error when an action fails", async () => {
    // The runner's own error path: past the BigQuery check, which refuses the unknown column first.
    const { exitCode, stderr } = await runCli(["run", ...project, "--actions", "stg_orders", "--vars", "break_orders=yes", "--skip-check"]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain("fixture-project.shop_staging.stg_orders (definitions/staging/stg_orders.sqlx) failed: duckdb error:");
  });

  it("exits 2 on a selection that matches nothing", async () => {
    const { exitCode, stderr } = await runCli(["run", ...project, "--actions", "no_such_model"]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('No action matches "no_such_model"');
  });

  it("--dry-run prints the BigQuery SQL and its DuckDB translation and changes nothing", async () => {
    const { exitCode, stdout } = await runCli(["run", ...project, "--actions", "recent_orders", "--dry-run"]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain("create or replace view `fixture-project.shop_staging.recent_orders`");
    expect(stdout).toContain('CREATE OR REPLACE VIEW "shop_staging"."recent_orders" AS');
    expect(stdout).toContain("Nothing was changed.");
  });

  it("--target bigquery hands over to dataform run and needs a project (ADC) or .df-credentials.json", async () => {
    const { exitCode, stderr } = await runCli(["run", "--target", "bigquery", "--project-dir", shop.dir], { env: { GOOGLE_CLOUD_PROJECT: "" } });
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/BigQuery target needs a Google Cloud project: set GOOGLE_CLOUD_PROJECT .* or create .*\.df-credentials\.json/);
  });
});

describe("clickstream test and compile", () => {
  it("test exits 0 when the unit tests pass and 1 with a diff when one fails, on DuckDB and on BigQuery's reference engine", async () => {
    const passing = await runCli(["test", ...project]);
    expect(passing.exitCode).toBe(0);
    expect(passing.stdout).toContain("✔ [duckdb] customer_totals_test");
    expect(passing.stdout).toContain("✔ [bigquery reference] customer_totals_test");
    const failing = await runCli(["test", ...project, "--vars", "break_test=yes"]);
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toContain("✘ [duckdb] customer_totals_test");
    expect(failing.stdout).toContain("✘ [bigquery reference] customer_totals_test");
    expect(failing.stdout.split('For row 0 and column "orders": expected 3, but saw 2.').length - 1).toBe(2);
    expect(failing.stdout).toMatch(/\| expected \|.*3\*/);
    const duckdbOnly = await runCli(["test", ...project, "--engine", "duckdb"]);
    expect(duckdbOnly.stdout).toContain("✔ customer_totals_test");
    expect(duckdbOnly.stdout).not.toContain("reference");
  });

  it("compile summarises the graph, and --json prints it", async () => {
    const summary = await runCli(["compile", "--project-dir", shop.dir]);
    expect(summary.stdout).toMatch(/Compiled 18 actions with @dataform\/core 3\.0\.62/);
    const json = await runCli(["compile", "--project-dir", shop.dir, "--json"]);
    expect(JSON.parse(json.stdout).tables.length).toBe(13);
  });

  it("reports compilation errors with the file and exits 1 (run and test)", async () => {
    const broken = join(shop.dir, "definitions/broken.sqlx");
    writeFileSync(broken, 'config { type: "table", partitionedBy: "day" }\nSELECT 1 AS x\n');
    try {
      const { exitCode, stderr } = await runCli(["run", "--project-dir", shop.dir, "--warehouse", shop.warehousePath]);
      expect(exitCode).toBe(1);
      expect(stderr).toMatch(/Dataform compilation failed:\n  definitions\/broken\.sqlx: .*partitionedBy/);
      // `test` starts the BigQuery reference engine's service before compiling: it must still exit.
      const tested = await runCli(["test", "--project-dir", shop.dir]);
      expect(tested.exitCode).toBe(1);
      expect(tested.stderr).toMatch(/Dataform compilation failed:\n  definitions\/broken\.sqlx/);
    } finally {
      rmSync(broken);
    }
  });
});

describe("clickstream generate and load", () => {
  it("generates, loads with an accounting line per file, and skips a reload", async () => {
    const data = join(shop.dir, "generated");
    const warehouse = join(shop.dir, "load.duckdb");
    const generated = await runCli(["generate", "--events", "500", "--days", "2", "--out", data]);
    expect(generated.exitCode).toBe(0);
    expect(generated.stdout).toMatch(/Wrote 500 rows in 2 file\(s\)/);
    const first = await runCli(["load", data, "--warehouse", warehouse, "--json"]);
    expect(first.exitCode).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result.files.map((file: { status: string }) => file.status)).toEqual(["loaded", "loaded"]);
    expect(result.files.reduce((sum: number, file: { loaded: number }) => sum + file.loaded, 0)).toBe(500);
    expect(first.stderr).toMatch(/events-2019-10-01\.csv: \d+ lines = \d+ loaded \+ 0 quarantined/);
    const second = await runCli(["load", `${data}/*.csv`, "--warehouse", warehouse]);
    expect(second.stdout).toMatch(/skipped, already loaded by/);
    expect(second.stdout).not.toMatch(/full-refresh/);
    const replaced = await runCli(["load", `${data}/events-2019-10-01.csv`, "--replace", "--warehouse", warehouse]);
    expect(replaced.exitCode).toBe(0);
    expect(replaced.stdout).toMatch(/replacing the earlier load/);
    expect(replaced.stdout).toMatch(/Replaced 1 earlier load\(s\): rebuild the models with `run --full-refresh`/);
  });

  it("exits 1 with the file and line for a bad header, and 2 when no file matches", async () => {
    const badHeader = await runCli(["load", join(REPOSITORY_ROOT, "tests/fixtures/bad-input/wrong_header.csv"), "--warehouse", join(shop.dir, "bad.duckdb")]);
    expect(badHeader.exitCode).toBe(1);
    expect(badHeader.stderr).toMatch(/wrong_header\.csv: line 1 \(header\): missing column/);
    const nothing = await runCli(["load", join(shop.dir, "nothing-here/*.csv"), "--warehouse", join(shop.dir, "bad.duckdb")]);
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toMatch(/No \.csv or \.csv\.gz files match/);
  });
});

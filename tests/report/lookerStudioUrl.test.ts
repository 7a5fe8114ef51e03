/**
 * The Looker Studio Linking API URL: https://lookerstudio.google.com/reporting/create with the
 * report's name and, per data source alias dsN, connector=bigQuery, type=TABLE, projectId,
 * datasetId and tableId; and `clickstream report --target bigquery`, which prints it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOOKER_STUDIO_MARTS, lookerStudioParameters, lookerStudioUrl } from "../../report/lookerStudio/lookerStudioUrl.js";
import { runCli } from "../support/runCli.js";

describe("lookerStudioUrl", () => {
  it("builds the exact Linking API URL for one table", () => {
    expect(lookerStudioUrl({ projectId: "shop-prod", dataset: "marts", tables: ["daily_kpis"], reportName: "Shop KPIs" })).toBe(
      "https://lookerstudio.google.com/reporting/create?r.reportName=Shop%20KPIs&c.mode=edit" +
        "&ds.ds0.connector=bigQuery&ds.ds0.type=TABLE&ds.ds0.projectId=shop-prod&ds.ds0.datasetId=marts" +
        "&ds.ds0.tableId=daily_kpis&ds.ds0.datasourceName=daily_kpis",
    );
  });

  it("connects every mart as its own BigQuery table data source, aliases ds0, ds1, ...", () => {
    const url = new URL(lookerStudioUrl({ projectId: "shop-prod", dataset: "marts_dev" }));
    expect(`${url.origin}${url.pathname}`).toBe("https://lookerstudio.google.com/reporting/create");
    expect(url.searchParams.get("r.reportName")).toBe("Clickstream (shop-prod.marts_dev)");
    LOOKER_STUDIO_MARTS.forEach((table, index) => {
      expect(url.searchParams.get(`ds.ds${index}.connector`)).toBe("bigQuery");
      expect(url.searchParams.get(`ds.ds${index}.type`)).toBe("TABLE");
      expect(url.searchParams.get(`ds.ds${index}.projectId`)).toBe("shop-prod");
      expect(url.searchParams.get(`ds.ds${index}.datasetId`)).toBe("marts_dev");
      expect(url.searchParams.get(`ds.ds${index}.tableId`)).toBe(table);
    });
    expect(url.searchParams.has(`ds.ds${LOOKER_STUDIO_MARTS.length}.connector`)).toBe(false);
    expect(LOOKER_STUDIO_MARTS).toEqual(expect.arrayContaining(["event_type_by_hour", "funnel_daily", "daily_kpis", "sessions", "journey_paths"]));
  });

  it("percent-encodes values: spaces as %20, never as +", () => {
    const parameters = lookerStudioParameters({ projectId: "p", dataset: "d", tables: [], reportName: "A & B+C" });
    expect(parameters).toEqual([["r.reportName", "A & B+C"], ["c.mode", "edit"]]);
    expect(lookerStudioUrl({ projectId: "p", dataset: "d", tables: [], reportName: "A & B+C" })).toContain("r.reportName=A%20%26%20B%2BC&");
  });
});

describe("clickstream report --target bigquery", () => {
  it("prints the link for --project and the marts dataset with its schema suffix, and --json gives it too", async () => {
    const human = await runCli(["report", "--target", "bigquery", "--project", "shop-prod", "--schema-suffix", "dev"], { env: { GOOGLE_CLOUD_PROJECT: "" } });
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain(`connected to the ${LOOKER_STUDIO_MARTS.length} marts in shop-prod.marts_dev`);
    expect(human.stdout).toContain("https://lookerstudio.google.com/reporting/create?r.reportName=Clickstream%20(shop-prod.marts_dev)&c.mode=edit&ds.ds0.connector=bigQuery");
    const json = await runCli(["report", "--target", "bigquery", "--vars", "marts_schema=analytics", "--json"], { env: { GOOGLE_CLOUD_PROJECT: "env-project" } });
    expect(json.exitCode).toBe(0);
    const document = JSON.parse(json.stdout);
    expect(document).toMatchObject({ status: "successful", projectId: "env-project", dataset: "analytics" });
    expect(new URL(document.lookerStudioUrl).searchParams.get("ds.ds0.projectId")).toBe("env-project");
  });

  it("falls back to dataform.json's defaultDatabase, the project dataform run writes to", async () => {
    const { exitCode, stdout } = await runCli(["report", "--target", "bigquery", "--json"], { env: { GOOGLE_CLOUD_PROJECT: "" } });
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ projectId: "clickstream-dev", dataset: "marts" });
  });

  it("asks for the project when neither a flag, the environment nor dataform.json names one", async () => {
    const project = mkdtempSync(join(tmpdir(), "clickstream-no-project-"));
    try {
      writeFileSync(join(project, "dataform.json"), JSON.stringify({ defaultSchema: "marts", vars: {} }));
      const { exitCode, stderr } = await runCli(["report", "--target", "bigquery", "--project-dir", project], { env: { GOOGLE_CLOUD_PROJECT: "" } });
      expect(exitCode).toBe(2);
      expect(stderr).toContain("The BigQuery target needs the Google Cloud project: pass --project or set GOOGLE_CLOUD_PROJECT.");
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

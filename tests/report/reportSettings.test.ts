/** Where the report looks: the datasets dataform.json, --vars and --schema-suffix name. */
import { describe, expect, it } from "vitest";
import { readReportSettings, reportSettingsFrom } from "../../report/reportSettings.js";
import { missingTables } from "../../report/data/reportTables.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";

describe("report settings", () => {
  it("reads the project's datasets, time zone and session timeout from dataform.json", () => {
    expect(readReportSettings(REPOSITORY_ROOT)).toEqual({
      schemas: { raw: "raw", staging: "staging", marts: "marts", assertions: "assertions" },
      defaultDatabase: "clickstream-dev",
      reportingTimezone: "UTC",
      sessionTimeoutMinutes: 30,
    });
  });

  it("follows --vars and appends --schema-suffix to every dataset, as Dataform does", () => {
    const settings = reportSettingsFrom(
      { assertionSchema: "checks", vars: { marts_schema: "marts", reporting_timezone: "UTC" } },
      { vars: { marts_schema: "analytics", reporting_timezone: "Europe/Paris", session_timeout_minutes: "45" }, schemaSuffix: "dev" },
    );
    expect(settings.schemas).toEqual({ raw: "raw_dev", staging: "staging_dev", marts: "analytics_dev", assertions: "checks_dev" });
    expect(settings.reportingTimezone).toBe("Europe/Paris");
    expect(settings.sessionTimeoutMinutes).toBe(45);
    expect(settings.defaultDatabase).toBeNull();
  });

  it("names each missing table with its dataset", () => {
    const schemas = { raw: "raw", staging: "staging", marts: "m", assertions: "assertions" };
    const missing = missingTables(schemas, new Set(["raw.events", "raw.load_manifest", "raw.events_rejected", "staging.stg_events"]));
    expect(missing).toContain("m.daily_kpis");
    expect(missing).toContain("staging.stg_events_rejected");
    expect(missing).not.toContain("staging.stg_events");
    expect(missing.every((name) => !name.startsWith("raw."))).toBe(true);
  });
});

/**
 * `run --target bigquery` hands over to the real `dataform run` with Application Default
 * Credentials: the credentials file it generates holds no key, impersonation wraps the caller's
 * ADC, and the command line carries the project's settings.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dataformArguments } from "../../runner/bigquery/dataformCli.js";
import { CredentialsError, impersonationUrl, prepareDataformCredentials } from "../../runner/bigquery/dataformCredentials.js";
import { resolveWarehouseSettings } from "../../runner/bigquery/warehouseSettings.js";
import { runCli } from "../support/runCli.js";

const directories: string[] = [];
const scratch = () => {
  const directory = mkdtempSync(join(tmpdir(), "credentials-test-"));
  directories.push(directory);
  return directory;
};
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe("Dataform credentials for the BigQuery target", () => {
  it("generates a keyless ADC credentials file from the project's settings, private, and removes it afterwards", () => {
    const project = scratch();
    const settings = resolveWarehouseSettings({}, { GOOGLE_CLOUD_PROJECT: "acme-prod", CLICKSTREAM_LOCATION: "EU" });
    const prepared = prepareDataformCredentials(project, () => settings, {});
    expect(JSON.parse(readFileSync(prepared.credentialsPath, "utf8"))).toEqual({ projectId: "acme-prod", location: "EU" });
    expect(statSync(prepared.credentialsPath).mode & 0o777).toBe(0o600);
    expect(prepared.credentialsPath.startsWith(project)).toBe(false);
    expect(prepared.env["GOOGLE_APPLICATION_CREDENTIALS"]).toBeUndefined();
    prepared.cleanUp();
    expect(() => statSync(prepared.credentialsPath)).toThrow();
  });

  it("uses the project's own .df-credentials.json when there is one", () => {
    const project = scratch();
    writeFileSync(join(project, ".df-credentials.json"), JSON.stringify({ projectId: "own-project", location: "US" }));
    const prepared = prepareDataformCredentials(project, () => {
      throw new Error("settings are not needed");
    });
    expect(prepared).toMatchObject({ credentialsPath: join(project, ".df-credentials.json"), projectId: "own-project" });
  });

  it("impersonates a service account by wrapping the caller's ADC (no key is written)", () => {
    const source = join(scratch(), "external_account.json");
    const externalAccount = { type: "external_account", audience: "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/g", credential_source: { file: "/tmp/token" } };
    writeFileSync(source, JSON.stringify(externalAccount));
    const env = { GOOGLE_APPLICATION_CREDENTIALS: source };
    const settings = resolveWarehouseSettings({ project: "acme-prod", impersonateServiceAccount: "runner@acme-prod.iam.gserviceaccount.com" }, env);
    const prepared = prepareDataformCredentials(scratch(), () => settings, env);
    const adc = JSON.parse(readFileSync(prepared.env["GOOGLE_APPLICATION_CREDENTIALS"]!, "utf8"));
    expect(adc).toEqual({
      type: "impersonated_service_account",
      service_account_impersonation_url: "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/runner%40acme-prod.iam.gserviceaccount.com:generateAccessToken",
      source_credentials: externalAccount,
      delegates: [],
    });
    expect(impersonationUrl("a@b")).toMatch(/:generateAccessToken$/);
    prepared.cleanUp();
  });

  it("says how to sign in when impersonation has no ADC to start from", () => {
    const settings = resolveWarehouseSettings({ project: "acme-prod", impersonateServiceAccount: "runner@x" }, {});
    expect(() => prepareDataformCredentials(scratch(), () => settings, { GOOGLE_APPLICATION_CREDENTIALS: "/nonexistent/adc.json" })).toThrow(CredentialsError);
    expect(() => prepareDataformCredentials(scratch(), () => settings, { GOOGLE_APPLICATION_CREDENTIALS: "/nonexistent/adc.json" })).toThrow(/gcloud auth application-default login/);
  });

  it("passes the credentials file, project, location and job labels to dataform run", () => {
    expect(
      dataformArguments("run", "/repo", {
        tags: ["daily"],
        fullRefresh: true,
        credentialsPath: "/tmp/c/.df-credentials.json",
        defaultDatabase: "acme-prod",
        defaultLocation: "EU",
        jobLabels: { app: "clickstream", step: "dataform-run" },
      }),
    ).toEqual([
      "run",
      "/repo",
      "--tags",
      "daily",
      "--full-refresh",
      "--default-database=acme-prod",
      "--default-location=EU",
      "--credentials=/tmp/c/.df-credentials.json",
      "--job-labels=app=clickstream,step=dataform-run",
    ]);
  });

  it("run --target bigquery without a project explains both ways to configure it", async () => {
    const result = await runCli(["run", "--target", "bigquery", "--project-dir", scratch()], { env: { GOOGLE_CLOUD_PROJECT: "" } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/needs a Google Cloud project: set GOOGLE_CLOUD_PROJECT \(or --project\) and sign in with `gcloud auth application-default login`/);
  });
});

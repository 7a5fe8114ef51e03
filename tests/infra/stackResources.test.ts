/**
 * The synthesized Terraform JSON of the dev and prod stacks (cdktf/): every resource the
 * environment needs is there with the properties that matter. Synthesized once for the file.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EVENT_COLUMNS } from "../../loaders/rawTables.js";
import { loadCdktf, referenceTo, resourceAt, resourcesOf, synthesizeEnvironments, type SynthesizedEnvironment } from "./support/synthesizedInfra.js";

let dev: SynthesizedEnvironment;
let prod: SynthesizedEnvironment;
let hasResource: (text: string, type: string, properties: Record<string, unknown>) => boolean;

beforeAll(async () => {
  const synthesized = await synthesizeEnvironments(["dev", "prod"]);
  dev = synthesized["dev"]!;
  prod = synthesized["prod"]!;
  const { Testing } = await loadCdktf();
  hasResource = (text, type, properties) => Testing.toHaveResourceWithProperties(text, type, properties);
});

describe("cdktf stacks: providers and APIs", () => {
  it("configures google and google-beta for the environment's project and region, with default labels", () => {
    for (const name of ["google", "google-beta"]) {
      expect(prod.json.provider[name]).toEqual([
        expect.objectContaining({ project: "acme-clickstream-prod", region: "europe-west1", default_labels: { app: "clickstream", environment: "prod", managed_by: "cdktf" } }),
      ]);
    }
  });

  it("enables the APIs it uses and keeps them on destroy", () => {
    const services = resourcesOf(dev.json, "google_project_service");
    expect(services.map((service) => service["service"]).sort()).toEqual(
      [
        "bigquery.googleapis.com",
        "bigquerydatatransfer.googleapis.com",
        "cloudresourcemanager.googleapis.com",
        "dataform.googleapis.com",
        "iam.googleapis.com",
        "iamcredentials.googleapis.com",
        "secretmanager.googleapis.com",
        "storage.googleapis.com",
        "sts.googleapis.com",
      ].sort(),
    );
    for (const service of services) expect(service).toMatchObject({ project: "acme-clickstream-dev", disable_on_destroy: false });
  });
});

describe("cdktf stacks: landing bucket", () => {
  it("is private, versioned, soft-deleting, labelled, and deletes old raw files", () => {
    const bucket = resourceAt(prod.json, "google_storage_bucket", "landing/bucket");
    expect(bucket).toMatchObject({
      name: "acme-clickstream-prod-clickstream-prod",
      location: "EU",
      uniform_bucket_level_access: true,
      public_access_prevention: "enforced",
      versioning: { enabled: true },
      soft_delete_policy: { retention_duration_seconds: 7 * 86_400 },
      force_destroy: false,
      labels: { app: "clickstream", environment: "prod", layer: "landing", managed_by: "cdktf" },
    });
    expect(bucket["lifecycle_rule"]).toEqual([
      { action: { type: "Delete" }, condition: { age: 90, matches_prefix: ["landing/", "drops/", "validated/"] } },
      { action: { type: "Delete" }, condition: { days_since_noncurrent_time: 30, with_state: "ARCHIVED" } },
    ]);
    expect(hasResource(prod.text, "google_storage_bucket", { public_access_prevention: "enforced" })).toBe(true);
  });
});

describe("cdktf stacks: BigQuery datasets", () => {
  it("creates raw, staging, marts and assertions with Dataform's suffix outside production", () => {
    const ids = (env: SynthesizedEnvironment) => resourcesOf(env.json, "google_bigquery_dataset").map((dataset) => dataset["dataset_id"]).sort();
    expect(ids(prod)).toEqual(["assertions", "marts", "raw", "staging"]);
    expect(ids(dev)).toEqual(["assertions_dev", "marts_dev", "raw_dev", "staging_dev"]);
  });

  it("places them in the location, labels them by layer, and expires assertion tables only", () => {
    for (const dataset of resourcesOf(dev.json, "google_bigquery_dataset")) {
      const layer = String(dataset["dataset_id"]).replace(/_dev$/, "");
      expect(dataset).toMatchObject({ location: "EU", project: "acme-clickstream-dev", labels: expect.objectContaining({ layer, environment: "dev" }), delete_contents_on_destroy: false });
      if (layer === "assertions") expect(dataset["default_table_expiration_ms"]).toBe(30 * 86_400_000);
      else expect(dataset["default_table_expiration_ms"]).toBeUndefined();
    }
  });

  it("creates the transfer landing table in raw: raw.events' column names, all text, partitioned by run date", () => {
    const table = resourceAt(dev.json, "google_bigquery_table", "transfer_table/events_transfer");
    expect(table).toMatchObject({ table_id: "events_transfer", time_partitioning: { type: "DAY" }, deletion_protection: true });
    expect(table["dataset_id"]).toBe(referenceTo(dev.json, "google_bigquery_dataset", "datasets/raw", "dataset_id"));
    const schema = JSON.parse(String(table["schema"])) as Array<{ name: string; type: string }>;
    expect(schema.map((field) => field.name)).toEqual(EVENT_COLUMNS.map((column) => column.name));
    expect(new Set(schema.map((field) => field.type))).toEqual(new Set(["STRING"]));
  });
});

describe("cdktf stacks: identities and grants", () => {
  it("creates a loader, a Dataform runner and a CI service account per environment", () => {
    expect(resourcesOf(prod.json, "google_service_account").map((account) => account["account_id"]).sort()).toEqual([
      "clickstream-ci-prod",
      "clickstream-dataform-prod",
      "clickstream-loader-prod",
    ]);
  });

  it("lets the loader write its bucket prefixes, read drops, edit raw and run jobs", () => {
    const bucket = "acme-clickstream-prod-clickstream-prod";
    const loader = referenceTo(prod.json, "google_service_account", "accounts/loader", "member");
    expect(resourceAt(prod.json, "google_storage_bucket_iam_member", "loader_writes_landing")).toMatchObject({
      role: "roles/storage.objectUser",
      member: loader,
      condition: {
        expression: `resource.name.startsWith("projects/_/buckets/${bucket}/objects/landing/") || resource.name.startsWith("projects/_/buckets/${bucket}/objects/validated/")`,
      },
    });
    expect(resourceAt(prod.json, "google_storage_bucket_iam_member", "loader_reads_drops")).toMatchObject({
      role: "roles/storage.objectViewer",
      member: loader,
      condition: { expression: `resource.type == "storage.googleapis.com/Bucket" || resource.name.startsWith("projects/_/buckets/${bucket}/objects/drops/")` },
    });
    expect(resourceAt(prod.json, "google_bigquery_dataset_iam_member", "loader_edits_raw")).toMatchObject({ role: "roles/bigquery.dataEditor", member: loader });
    expect(resourceAt(prod.json, "google_project_iam_member", "loader_runs_jobs")).toMatchObject({ role: "roles/bigquery.jobUser", member: loader });
  });

  it("lets the Dataform runner read raw, edit staging, marts and assertions, and run jobs", () => {
    const runner = referenceTo(prod.json, "google_service_account", "accounts/dataform_runner", "member");
    const grants = resourcesOf(prod.json, "google_bigquery_dataset_iam_member").filter((grant) => grant["member"] === runner);
    const byDataset = Object.fromEntries(grants.map((grant) => [String(grant["dataset_id"]).match(/datasets_(\w+?)_/)![1], grant["role"]]));
    expect(byDataset).toEqual({ raw: "roles/bigquery.dataViewer", staging: "roles/bigquery.dataEditor", marts: "roles/bigquery.dataEditor", assertions: "roles/bigquery.dataEditor" });
    expect(resourceAt(prod.json, "google_project_iam_member", "runner_runs_jobs")).toMatchObject({ role: "roles/bigquery.jobUser", member: runner });
  });
});

describe("cdktf stacks: Workload Identity Federation for GitHub Actions", () => {
  it("trusts GitHub's OIDC issuer and maps the repository and ref", () => {
    const provider = resourceAt(dev.json, "google_iam_workload_identity_pool_provider", "github/provider");
    expect(provider).toMatchObject({
      workload_identity_pool_provider_id: "github-actions",
      oidc: { issuer_uri: "https://token.actions.githubusercontent.com" },
      attribute_mapping: expect.objectContaining({ "google.subject": "assertion.sub", "attribute.repository": "assertion.repository", "attribute.ref": "assertion.ref" }),
    });
    expect(resourceAt(dev.json, "google_iam_workload_identity_pool", "github/pool")).toMatchObject({ workload_identity_pool_id: "clickstream-github-dev" });
  });
});

describe("cdktf stacks: managed Dataform", () => {
  it("links a repository to the GitHub remote with the token from Secret Manager and the runner account", () => {
    const repository = resourceAt(prod.json, "google_dataform_repository", "dataform/repository");
    expect(repository).toMatchObject({
      provider: "google-beta",
      name: "clickstream-prod",
      region: "europe-west1",
      git_remote_settings: {
        url: "https://github.com/acme/clickstream-elt.git",
        default_branch: "main",
        authentication_token_secret_version: `${referenceTo(prod.json, "google_secret_manager_secret", "dataform/git_token", "id")}/versions/latest`,
      },
      workspace_compilation_overrides: { default_database: "acme-clickstream-prod" },
      service_account: referenceTo(prod.json, "google_service_account", "accounts/dataform_runner", "email"),
    });
    expect(resourcesOf(prod.json, "google_secret_manager_secret_version")).toEqual([]);
  });

  it("compiles on a cron with the environment's overrides", () => {
    expect(resourceAt(dev.json, "google_dataform_repository_release_config", "dataform/release")).toMatchObject({
      provider: "google-beta",
      git_commitish: "main",
      cron_schedule: "0 3 * * *",
      time_zone: "Etc/UTC",
      code_compilation_config: { default_database: "acme-clickstream-dev", default_location: "EU", schema_suffix: "dev", vars: { raw_schema: "raw_dev" } },
    });
    const prodRelease = resourceAt(prod.json, "google_dataform_repository_release_config", "dataform/release");
    expect(prodRelease["code_compilation_config"]).toEqual({ default_database: "acme-clickstream-prod", default_location: "EU", vars: { raw_schema: "raw" } });
  });

  it("runs the daily tag on a cron as the runner service account", () => {
    const workflow = resourceAt(prod.json, "google_dataform_repository_workflow_config", "dataform/workflow");
    expect(workflow).toMatchObject({
      provider: "google-beta",
      cron_schedule: "30 3 * * *",
      release_config: referenceTo(prod.json, "google_dataform_repository_release_config", "dataform/release", "id"),
      invocation_config: {
        included_tags: ["daily"],
        fully_refresh_incremental_tables_enabled: false,
        service_account: referenceTo(prod.json, "google_service_account", "accounts/dataform_runner", "email"),
      },
    });
  });
});

describe("cdktf stacks: CSV transfer", () => {
  it("loads the previous day's drops into raw.events_transfer's partition, failing on any bad line", () => {
    const transfer = resourceAt(dev.json, "google_bigquery_data_transfer_config", "transfer/config");
    expect(transfer).toMatchObject({
      data_source_id: "google_cloud_storage",
      location: "EU",
      schedule: "every day 02:00",
      destination_dataset_id: referenceTo(dev.json, "google_bigquery_dataset", "datasets/raw", "dataset_id"),
      service_account_name: referenceTo(dev.json, "google_service_account", "accounts/loader", "email"),
      params: {
        data_path_template: 'gs://acme-clickstream-dev-clickstream-dev/drops/{run_time-24h|"%Y%m%d"}/*.csv',
        // `$$` is Terraform's escape: the service receives events_transfer${run_time-24h|"%Y%m%d"}.
        destination_table_name_template: 'events_transfer$${run_time-24h|"%Y%m%d"}',
        file_format: "CSV",
        skip_leading_rows: "1",
        max_bad_records: "0",
        write_disposition: "MIRROR",
        delete_source_files: "false",
      },
    });
  });
});

describe("cdktf stacks: outputs", () => {
  it("prints what users and workflows need", () => {
    expect(Object.keys(prod.json.output).sort()).toEqual(
      [
        "bucket",
        "ci_service_account",
        "dataform_git_token_secret",
        "dataform_repository",
        "dataform_runner_service_account",
        "dataset_assertions",
        "dataset_marts",
        "dataset_raw",
        "dataset_staging",
        "loader_service_account",
        "location",
        "project_id",
        "transfer_config",
        "workload_identity_provider",
      ].sort(),
    );
    expect(prod.json.output["workload_identity_provider"]!.value).toBe(referenceTo(prod.json, "google_iam_workload_identity_pool_provider", "github/provider", "name"));
  });
});

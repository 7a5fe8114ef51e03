/**
 * The security rules of the infrastructure, checked on the synthesized Terraform JSON of every
 * environment: no primitive roles, no service-account keys, no public members, grants only where
 * they belong, and Workload Identity Federation pinned to this repository (and branch in prod).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { referenceTo, resourceAt, resourcesOf, synthesizeEnvironments, type SynthesizedEnvironment, type TerraformJson, type TerraformResource } from "./support/synthesizedInfra.js";

let environments: Record<string, SynthesizedEnvironment>;

beforeAll(async () => {
  environments = await synthesizeEnvironments(["dev", "prod"]);
});

const IAM_TYPES = (json: TerraformJson) => Object.keys(json.resource).filter((type) => /_iam_(member|binding|policy)$/.test(type));
const grants = (json: TerraformJson): Array<TerraformResource & { type: string }> =>
  IAM_TYPES(json).flatMap((type) => resourcesOf(json, type).map((resource) => ({ ...resource, type })));

describe.each(["dev", "prod"])("security rules (%s)", (name) => {
  const env = () => environments[name]!;

  it("grants no primitive role (owner, editor, viewer) anywhere", () => {
    const roles = grants(env().json).map((grant) => grant["role"]);
    expect(roles.length).toBeGreaterThan(10);
    for (const role of roles) expect(role).not.toMatch(/^roles\/(owner|editor|viewer)$/);
    expect(env().text).not.toMatch(/roles\/(owner|editor|viewer)"/);
  });

  it("creates no service-account key and configures no key-based provider credentials", () => {
    expect(Object.keys(env().json.resource).filter((type) => type.includes("service_account_key"))).toEqual([]);
    for (const providers of Object.values(env().json.provider)) {
      for (const provider of providers) expect(Object.keys(provider)).not.toEqual(expect.arrayContaining(["credentials"]));
    }
  });

  it("grants nothing to allUsers or allAuthenticatedUsers", () => {
    expect(env().text).not.toMatch(/allUsers|allAuthenticatedUsers/);
  });

  it("uses only non-authoritative *_iam_member grants, so grants made elsewhere survive", () => {
    for (const type of IAM_TYPES(env().json)) expect(type).toMatch(/_iam_member$/);
  });

  it("grants at project level only bigquery.jobUser, to the loader and the Dataform runner", () => {
    const project = resourcesOf(env().json, "google_project_iam_member");
    expect(project.map((grant) => [grant["role"], grant["member"]])).toEqual([
      ["roles/bigquery.jobUser", referenceTo(env().json, "google_service_account", "accounts/loader", "member")],
      ["roles/bigquery.jobUser", referenceTo(env().json, "google_service_account", "accounts/dataform_runner", "member")],
    ]);
  });

  it("keeps every bucket grant behind a prefix condition", () => {
    for (const grant of resourcesOf(env().json, "google_storage_bucket_iam_member")) {
      expect((grant["condition"] as { expression: string }).expression).toMatch(/resource\.name\.startsWith\("projects\/_\/buckets\/[^/]+\/objects\/[a-z]+\/"\)/);
    }
  });

  it("gives the CI identity nothing but the right to impersonate the loader and the Dataform runner", () => {
    const ci = referenceTo(env().json, "google_service_account", "accounts/ci", "member");
    const held = grants(env().json).filter((grant) => grant["member"] === ci);
    expect(held.map((grant) => [grant.type, grant["role"], grant["service_account_id"]])).toEqual([
      ["google_service_account_iam_member", "roles/iam.serviceAccountTokenCreator", referenceTo(env().json, "google_service_account", "accounts/loader", "name")],
      ["google_service_account_iam_member", "roles/iam.serviceAccountTokenCreator", referenceTo(env().json, "google_service_account", "accounts/dataform_runner", "name")],
    ]);
  });

  it("lets only the repository's principal set become the CI identity, and nothing else use workloadIdentityUser", () => {
    const federated = grants(env().json).filter((grant) => grant["role"] === "roles/iam.workloadIdentityUser");
    expect(federated).toHaveLength(1);
    expect(federated[0]).toMatchObject({
      service_account_id: referenceTo(env().json, "google_service_account", "accounts/ci", "name"),
      member: `principalSet://iam.googleapis.com/${referenceTo(env().json, "google_iam_workload_identity_pool", "github/pool", "name")}/attribute.repository/acme/clickstream-elt`,
    });
    expect(env().text).not.toMatch(/principal(Set)?:\/\/[^"]*\/\*/);
  });

  it("gives the Dataform service agent exactly two grants: read the git token, impersonate the runner", () => {
    const agent = referenceTo(env().json, "google_project_service_identity", "dataform/service_agent", "member");
    expect(grants(env().json).filter((grant) => grant["member"] === agent).map((grant) => [grant.type, grant["role"]])).toEqual([
      ["google_secret_manager_secret_iam_member", "roles/secretmanager.secretAccessor"],
      ["google_service_account_iam_member", "roles/iam.serviceAccountTokenCreator"],
    ]);
    expect(resourceAt(env().json, "google_service_account_iam_member", "dataform/service_agent_impersonates_runner")["service_account_id"]).toBe(
      referenceTo(env().json, "google_service_account", "accounts/dataform_runner", "name"),
    );
  });

  it("keeps the git token out of Terraform: the secret has no version in the stack", () => {
    expect(resourcesOf(env().json, "google_secret_manager_secret_version")).toEqual([]);
  });

  it("keeps the bucket private", () => {
    expect(resourcesOf(env().json, "google_storage_bucket")).toEqual([
      expect.objectContaining({ uniform_bucket_level_access: true, public_access_prevention: "enforced" }),
    ]);
  });
});

describe("Workload Identity Federation conditions", () => {
  const condition = (name: string) => String(resourceAt(environments[name]!.json, "google_iam_workload_identity_pool_provider", "github/provider")["attribute_condition"]);

  it("accepts tokens of this repository only", () => {
    expect(condition("dev")).toBe('assertion.repository == "acme/clickstream-elt"');
  });

  it("in production also pins the production branch", () => {
    expect(condition("prod")).toBe('assertion.repository == "acme/clickstream-elt" && assertion.ref == "refs/heads/main"');
  });
});

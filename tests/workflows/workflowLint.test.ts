/**
 * Lints the GitHub Actions workflows (.github/workflows/): they parse, run on the intended
 * triggers, pin every action to a commit, grant `id-token: write` only to the job that
 * authenticates to Google Cloud, and never put user-controlled expressions into shell scripts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Job {
  permissions?: Record<string, string> | string;
  environment?: string;
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
  env?: Record<string, string>;
}

interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const WORKFLOWS_DIR = join(REPOSITORY_ROOT, ".github/workflows");
const files = readdirSync(WORKFLOWS_DIR).filter((file) => /\.ya?ml$/.test(file));
const texts = Object.fromEntries(files.map((file) => [file, readFileSync(join(WORKFLOWS_DIR, file), "utf8")]));
const workflows = Object.fromEntries(files.map((file) => [file, parse(texts[file]!) as Workflow]));
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const stepIndex = (job: Job, pattern: RegExp) => job.steps.findIndex((step) => pattern.test(step.run ?? step.uses ?? ""));
const AUTH_ACTION = /^google-github-actions\/auth@/;
/** The maintained Node LTS lines the project supports (README, package.json engines, CI matrix). */
const SUPPORTED_NODE_MAJORS = [22, 24];

describe("GitHub Actions workflows", () => {
  it("has the CI and the BigQuery build workflows, and each parses", () => {
    expect(files.sort()).toEqual(["bigquery-build.yml", "ci.yml"]);
    for (const workflow of Object.values(workflows)) expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
  });

  it.each(files)("%s pins every action to a full commit SHA, with the version as a comment", (file) => {
    const uses = steps(workflows[file]!).flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
    for (const line of texts[file]!.split("\n").filter((candidate) => /^\s*-?\s*uses:/.test(candidate))) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it.each(files)("%s defaults to read-only permissions and grants id-token: write only to jobs that authenticate to Google Cloud", (file) => {
    const workflow = workflows[file]!;
    expect(workflow.permissions).toEqual({ contents: "read" });
    for (const job of Object.values(workflow.jobs)) {
      const authenticates = job.steps.some((step) => AUTH_ACTION.test(step.uses ?? ""));
      const permissions = (job.permissions ?? {}) as Record<string, string>;
      expect(permissions["id-token"] === "write").toBe(authenticates);
      for (const [scope, level] of Object.entries(permissions)) if (scope !== "id-token") expect(level).toBe("read");
    }
    expect(texts[file]).not.toMatch(/write-all|secrets\./);
  });

  it.each(files)("%s never expands expressions inside shell scripts (no template injection) and checks out without persisting the token", (file) => {
    for (const step of steps(workflows[file]!)) {
      if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
      if (step.uses?.startsWith("actions/checkout@")) expect(step.with?.["persist-credentials"]).toBe(false);
    }
  });

  it("CI runs on pull requests: npm ci, npm test, then the real dataform compile, with no cloud access", () => {
    const ci = workflows["ci.yml"]!;
    expect(Object.keys(ci.on)).toEqual(["pull_request", "push"]);
    const job = ci.jobs["test"]!;
    const order = [/^npm ci$/, /^npm test$/, /^npx dataform compile \. /].map((pattern) => stepIndex(job, pattern));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps(ci).some((step) => AUTH_ACTION.test(step.uses ?? ""))).toBe(false);
    expect(job.steps.find((step) => step.uses?.startsWith("actions/setup-node@"))?.with).toMatchObject({
      "node-version": "${{ matrix.node-version }}",
      cache: "npm",
    });
    expect(job.strategy?.matrix?.["node-version"]).toEqual(SUPPORTED_NODE_MAJORS);
  });

  it("the supported Node versions agree: the CI matrix, package.json engines, the BigQuery build", () => {
    const engines = (JSON.parse(readFileSync(join(REPOSITORY_ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${SUPPORTED_NODE_MAJORS[0]}`);
    const build = workflows["bigquery-build.yml"]!.jobs["build"]!;
    expect(SUPPORTED_NODE_MAJORS).toContain(build.steps.find((step) => step.uses?.startsWith("actions/setup-node@"))?.with?.["node-version"]);
  });

  it("the BigQuery build runs on a schedule and on demand, never on pull requests", () => {
    const build = workflows["bigquery-build.yml"]!;
    expect(Object.keys(build.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const schedule = build.on["schedule"] as Array<{ cron: string }>;
    for (const { cron } of schedule) expect(cron).toMatch(/^(\S+\s+){4}\S+$/);
    const inputs = (build.on["workflow_dispatch"] as { inputs: Record<string, { type: string; default: unknown }> }).inputs;
    expect(inputs).toMatchObject({ tags: { type: "string", default: "daily" }, full_refresh: { type: "boolean", default: false } });
  });

  it("the BigQuery build authenticates through WIF after installing, dry-runs, then runs dataform on the production environment", () => {
    const job = workflows["bigquery-build.yml"]!.jobs["build"]!;
    expect(job.environment).toBe("production");
    const auth = job.steps.find((step) => AUTH_ACTION.test(step.uses ?? ""))!;
    expect(auth.with).toEqual({ workload_identity_provider: "${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}", service_account: "${{ vars.GCP_CI_SERVICE_ACCOUNT }}" });
    expect(job.env).toMatchObject({ CLICKSTREAM_IMPERSONATE_SERVICE_ACCOUNT: "${{ vars.GCP_DATAFORM_RUNNER_SERVICE_ACCOUNT }}", GOOGLE_CLOUD_PROJECT: "${{ vars.GOOGLE_CLOUD_PROJECT }}" });
    const install = stepIndex(job, /^npm ci$/);
    const authenticate = stepIndex(job, AUTH_ACTION);
    const dryRun = stepIndex(job, /clickstream\.js run --target bigquery --dry-run --tags \$TAGS \$FULL_REFRESH/);
    const run = stepIndex(job, /clickstream\.js run --target bigquery --tags \$TAGS \$FULL_REFRESH$/);
    expect([install, authenticate, dryRun, run].every((index) => index >= 0)).toBe(true);
    expect(install < authenticate && authenticate < dryRun && dryRun < run).toBe(true);
    expect(job.env?.["FULL_REFRESH"]).toBe("${{ inputs.full_refresh && '--full-refresh' || '' }}");
  });
});

/**
 * The typed configuration of the infrastructure: one GitHub repository, and per environment (dev,
 * prod, ...) the Google Cloud project, region and BigQuery location. Everything else has a default
 * here so a config file stays short; validation names every problem at once.
 */

export interface GithubSettings {
  /** owner/name of the repository whose workflows may deploy and run builds. */
  repository: string;
  /** The branch production runs from; the prod WIF condition and the Dataform release pin it. */
  productionBranch: string;
}

export interface EnvironmentSettings {
  /** dev, prod, ...: names datasets (`marts_dev`), buckets and identities. */
  name: string;
  projectId: string;
  /** Region of regional services: Dataform, Secret Manager replicas. */
  region: string;
  /** BigQuery and bucket location: a multi-region (US, EU) or a region (europe-west1). */
  location: string;
  /** Branch the Dataform release compiles; the production branch unless set. */
  gitBranch: string;
  /** Cron (UTC) of the Dataform release compilation. */
  releaseCron: string;
  /** Cron (UTC) of the Dataform workflow that runs the `daily` tag; after the release. */
  workflowCron: string;
  /** Tags the scheduled Dataform workflow runs. */
  workflowTags: string[];
  /** BigQuery Data Transfer schedule, in its own syntax ("every day 02:00"). */
  transferSchedule: string;
  /** Raw CSV in the bucket (landing/, drops/) is deleted after this many days. */
  rawFileRetentionDays: number;
  /** Tables and views in the assertions dataset expire after this many days. */
  assertionTableExpirationDays: number;
}

export interface InfraConfig {
  github: GithubSettings;
  environments: EnvironmentSettings[];
}

/** The environment whose datasets carry no suffix and whose WIF condition pins the branch. */
export const PRODUCTION_ENVIRONMENT = "prod";

export const ENVIRONMENT_DEFAULTS = {
  releaseCron: "0 3 * * *",
  workflowCron: "30 3 * * *",
  workflowTags: ["daily"],
  transferSchedule: "every day 02:00",
  rawFileRetentionDays: 90,
  assertionTableExpirationDays: 30,
} satisfies Partial<EnvironmentSettings>;

export class InvalidInfraConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid infrastructure configuration (${source}):\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "InvalidInfraConfigError";
  }
}

export const isProduction = (environment: Pick<EnvironmentSettings, "name">) => environment.name === PRODUCTION_ENVIRONMENT;

/**
 * GCP-managed Dataform for an environment: a repository linked to the GitHub remote (its token in
 * Secret Manager, added by hand so it never enters Terraform state), a release config that compiles
 * the branch on a cron with this environment's compilation overrides, and a workflow config that
 * runs the configured tags with the Dataform runner service account. The Dataform service agent
 * gets exactly two grants: read the token secret, and mint tokens for the runner account.
 */
import { GoogleDataformRepository } from "@cdktf/provider-google-beta/lib/google-dataform-repository/index.js";
import { GoogleDataformRepositoryReleaseConfig } from "@cdktf/provider-google-beta/lib/google-dataform-repository-release-config/index.js";
import { GoogleDataformRepositoryWorkflowConfig } from "@cdktf/provider-google-beta/lib/google-dataform-repository-workflow-config/index.js";
import { GoogleProjectServiceIdentity } from "@cdktf/provider-google-beta/lib/google-project-service-identity/index.js";
import type { GoogleBetaProvider } from "@cdktf/provider-google-beta/lib/provider/index.js";
import { SecretManagerSecret } from "@cdktf/provider-google/lib/secret-manager-secret/index.js";
import { SecretManagerSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-secret-iam-member/index.js";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member/index.js";
import type { ServiceAccount } from "@cdktf/provider-google/lib/service-account/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentSettings, GithubSettings } from "../config/infraConfig.js";
import { datasetId, labels, schemaSuffix } from "../naming.js";

const TIME_ZONE = "Etc/UTC";

export interface DataformPipelineProps {
  environment: EnvironmentSettings;
  github: GithubSettings;
  runner: ServiceAccount;
  betaProvider: GoogleBetaProvider;
  dependsOn: ITerraformDependable[];
}

/** Dataform's compilation overrides for an environment: its project, location, suffix and raw dataset. */
export function compilationOverrides(environment: EnvironmentSettings) {
  const suffix = schemaSuffix(environment);
  return {
    defaultDatabase: environment.projectId,
    defaultLocation: environment.location,
    ...(suffix ? { schemaSuffix: suffix } : {}),
    // Declarations (raw.*) take no suffix in Dataform; the raw dataset is named by this var instead.
    vars: { raw_schema: datasetId("raw", environment) },
  };
}

export class DataformPipeline extends Construct {
  readonly gitTokenSecret: SecretManagerSecret;
  readonly repository: GoogleDataformRepository;
  readonly releaseConfig: GoogleDataformRepositoryReleaseConfig;
  readonly workflowConfig: GoogleDataformRepositoryWorkflowConfig;

  constructor(scope: Construct, id: string, { environment, github, runner, betaProvider, dependsOn }: DataformPipelineProps) {
    super(scope, id);
    const project = environment.projectId;
    this.gitTokenSecret = new SecretManagerSecret(this, "git_token", {
      project,
      secretId: `clickstream-dataform-git-token-${environment.name}`,
      replication: { auto: {} },
      labels: labels(environment),
      dependsOn,
    });
    const serviceAgent = new GoogleProjectServiceIdentity(this, "service_agent", {
      provider: betaProvider,
      project,
      service: "dataform.googleapis.com",
      dependsOn,
    });
    const readsToken = new SecretManagerSecretIamMember(this, "service_agent_reads_git_token", {
      project,
      secretId: this.gitTokenSecret.secretId,
      role: "roles/secretmanager.secretAccessor",
      member: serviceAgent.member,
    });
    const actsAsRunner = new ServiceAccountIamMember(this, "service_agent_impersonates_runner", {
      serviceAccountId: runner.name,
      role: "roles/iam.serviceAccountTokenCreator",
      member: serviceAgent.member,
    });

    this.repository = new GoogleDataformRepository(this, "repository", {
      provider: betaProvider,
      project,
      region: environment.region,
      name: `clickstream-${environment.name}`,
      displayName: `clickstream-elt (${environment.name})`,
      gitRemoteSettings: {
        url: `https://github.com/${github.repository}.git`,
        defaultBranch: environment.gitBranch,
        // "latest": rotating the token is adding a secret version, no apply needed.
        authenticationTokenSecretVersion: `${this.gitTokenSecret.id}/versions/latest`,
      },
      workspaceCompilationOverrides: {
        defaultDatabase: project,
        ...(schemaSuffix(environment) ? { schemaSuffix: schemaSuffix(environment) } : {}),
      },
      serviceAccount: runner.email,
      labels: labels(environment),
      dependsOn: [readsToken, actsAsRunner],
    });
    this.releaseConfig = new GoogleDataformRepositoryReleaseConfig(this, "release", {
      provider: betaProvider,
      project,
      region: environment.region,
      repository: this.repository.name,
      name: "scheduled",
      gitCommitish: environment.gitBranch,
      cronSchedule: environment.releaseCron,
      timeZone: TIME_ZONE,
      codeCompilationConfig: compilationOverrides(environment),
    });
    this.workflowConfig = new GoogleDataformRepositoryWorkflowConfig(this, "workflow", {
      provider: betaProvider,
      project,
      region: environment.region,
      repository: this.repository.name,
      name: environment.workflowTags.join("-"),
      releaseConfig: this.releaseConfig.id,
      cronSchedule: environment.workflowCron,
      timeZone: TIME_ZONE,
      invocationConfig: {
        includedTags: environment.workflowTags,
        transitiveDependenciesIncluded: false,
        transitiveDependentsIncluded: false,
        fullyRefreshIncrementalTablesEnabled: false,
        serviceAccount: runner.email,
      },
    });
  }
}

/**
 * Workload Identity Federation for GitHub Actions: GitHub's OIDC tokens are exchanged for Google
 * credentials with no key anywhere. The provider accepts tokens from this repository only (and, in
 * production, only from the production branch), and only that repository's principal set may act
 * as the CI service account.
 */
import { IamWorkloadIdentityPool } from "@cdktf/provider-google/lib/iam-workload-identity-pool/index.js";
import { IamWorkloadIdentityPoolProvider } from "@cdktf/provider-google/lib/iam-workload-identity-pool-provider/index.js";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member/index.js";
import type { ServiceAccount } from "@cdktf/provider-google/lib/service-account/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { isProduction, type EnvironmentSettings, type GithubSettings } from "../config/infraConfig.js";

export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";

/** CEL the provider evaluates on every token: the repository, and in production the branch. */
export function githubAttributeCondition(github: GithubSettings, environment: EnvironmentSettings): string {
  const repository = `assertion.repository == "${github.repository}"`;
  return isProduction(environment) ? `${repository} && assertion.ref == "refs/heads/${github.productionBranch}"` : repository;
}

export interface GithubWorkloadIdentityProps {
  environment: EnvironmentSettings;
  github: GithubSettings;
  ciAccount: ServiceAccount;
  dependsOn: ITerraformDependable[];
}

export class GithubWorkloadIdentity extends Construct {
  readonly pool: IamWorkloadIdentityPool;
  readonly provider: IamWorkloadIdentityPoolProvider;
  /** principalSet://… of the repository: the only member granted workloadIdentityUser. */
  readonly repositoryPrincipalSet: string;

  constructor(scope: Construct, id: string, { environment, github, ciAccount, dependsOn }: GithubWorkloadIdentityProps) {
    super(scope, id);
    this.pool = new IamWorkloadIdentityPool(this, "pool", {
      project: environment.projectId,
      workloadIdentityPoolId: `clickstream-github-${environment.name}`,
      displayName: `GitHub Actions (${environment.name})`,
      description: `GitHub Actions of ${github.repository}`,
      dependsOn,
    });
    this.provider = new IamWorkloadIdentityPoolProvider(this, "provider", {
      project: environment.projectId,
      workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
      workloadIdentityPoolProviderId: "github-actions",
      displayName: "GitHub Actions OIDC",
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.repository": "assertion.repository",
        "attribute.ref": "assertion.ref",
        "attribute.actor": "assertion.actor",
        "attribute.workflow": "assertion.workflow",
      },
      attributeCondition: githubAttributeCondition(github, environment),
      oidc: { issuerUri: GITHUB_OIDC_ISSUER },
    });
    this.repositoryPrincipalSet = `principalSet://iam.googleapis.com/${this.pool.name}/attribute.repository/${github.repository}`;
    new ServiceAccountIamMember(this, "repository_is_ci", {
      serviceAccountId: ciAccount.name,
      role: "roles/iam.workloadIdentityUser",
      member: this.repositoryPrincipalSet,
    });
  }
}

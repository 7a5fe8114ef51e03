/**
 * The three identities of an environment. None has a key: the loader and the Dataform runner are
 * used through impersonation (by the CI identity, by the Dataform and Data Transfer service agents,
 * or by a person with `gcloud --impersonate-service-account`), and the CI identity is reached only
 * through Workload Identity Federation.
 */
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/infraConfig.js";
import { serviceAccountId } from "../naming.js";

export class ServiceAccounts extends Construct {
  /** Lands files: writes its bucket prefixes, edits the raw dataset, runs load and query jobs. */
  readonly loader: ServiceAccount;
  /** Runs the Dataform models: reads raw, edits staging, marts and assertions, runs query jobs. */
  readonly dataformRunner: ServiceAccount;
  /** What GitHub Actions becomes; it may only impersonate the two above. */
  readonly ci: ServiceAccount;

  constructor(scope: Construct, id: string, environment: EnvironmentSettings, dependsOn: ITerraformDependable[]) {
    super(scope, id);
    const account = (name: string, role: "loader" | "dataform" | "ci", description: string) =>
      new ServiceAccount(this, name, {
        project: environment.projectId,
        accountId: serviceAccountId(role, environment),
        displayName: `clickstream ${role} (${environment.name})`,
        description,
        dependsOn,
      });
    this.loader = account("loader", "loader", "Loads raw CSV into BigQuery (clickstream load, the CSV transfer).");
    this.dataformRunner = account("dataform_runner", "dataform", "Runs the Dataform models (scheduled workflow, clickstream run --target bigquery).");
    this.ci = account("ci", "ci", "GitHub Actions through Workload Identity Federation; may only impersonate the loader and the Dataform runner.");
  }
}

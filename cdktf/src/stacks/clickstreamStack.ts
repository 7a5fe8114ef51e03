/**
 * One environment of clickstream-elt on Google Cloud: APIs, landing bucket, datasets, identities
 * and their grants, GitHub Workload Identity Federation, managed Dataform and the CSV transfer,
 * with the outputs users and workflows need.
 */
import { GoogleBetaProvider } from "@cdktf/provider-google-beta/lib/provider/index.js";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider/index.js";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentSettings, GithubSettings } from "../config/infraConfig.js";
import { AccessGrants } from "../constructs/accessGrants.js";
import { CsvDropTransfer } from "../constructs/csvDropTransfer.js";
import { DataformPipeline } from "../constructs/dataformPipeline.js";
import { Datasets } from "../constructs/datasets.js";
import { EnabledApis } from "../constructs/enabledApis.js";
import { GithubWorkloadIdentity } from "../constructs/githubWorkloadIdentity.js";
import { LandingBucket } from "../constructs/landingBucket.js";
import { ServiceAccounts } from "../constructs/serviceAccounts.js";
import { TransferLandingTable } from "../constructs/transferLandingTable.js";
import { labels } from "../naming.js";

export interface ClickstreamStackProps {
  github: GithubSettings;
  environment: EnvironmentSettings;
}

export const stackName = (environment: EnvironmentSettings) => `clickstream-${environment.name}`;

export class ClickstreamStack extends TerraformStack {
  constructor(scope: Construct, { github, environment }: ClickstreamStackProps) {
    super(scope, stackName(environment));
    const providerSettings = {
      project: environment.projectId,
      region: environment.region,
      defaultLabels: labels(environment),
      addTerraformAttributionLabel: false,
    };
    new GoogleProvider(this, "google", providerSettings);
    const betaProvider = new GoogleBetaProvider(this, "google_beta", providerSettings);

    const apis = new EnabledApis(this, "apis", environment.projectId).services;
    const bucket = new LandingBucket(this, "landing", environment, apis);
    const datasets = new Datasets(this, "datasets", environment, apis);
    const transferTable = new TransferLandingTable(this, "transfer_table", environment, datasets.byLayer.raw.datasetId);
    const accounts = new ServiceAccounts(this, "accounts", environment, apis);
    new AccessGrants(this, "grants", { environment, bucket, datasets, accounts });
    const wif = new GithubWorkloadIdentity(this, "github", { environment, github, ciAccount: accounts.ci, dependsOn: apis });
    const dataform = new DataformPipeline(this, "dataform", { environment, github, runner: accounts.dataformRunner, betaProvider, dependsOn: apis });
    const transfer = new CsvDropTransfer(this, "transfer", {
      environment,
      loader: accounts.loader,
      rawDatasetId: datasets.byLayer.raw.datasetId,
      betaProvider,
      dependsOn: [...apis, transferTable.table],
    });

    const output = (id: string, value: string, description: string) => new TerraformOutput(this, id, { value, description });
    output("project_id", environment.projectId, "GOOGLE_CLOUD_PROJECT for clickstream and dataform.");
    output("location", environment.location, "CLICKSTREAM_LOCATION: where the datasets live.");
    output("bucket", bucket.bucket.name, "CLICKSTREAM_BUCKET: the landing bucket.");
    for (const [layer, dataset] of Object.entries(datasets.byLayer)) output(`dataset_${layer}`, dataset.datasetId, `The ${layer} dataset.`);
    output("loader_service_account", accounts.loader.email, "Impersonate it to load files (clickstream load --target bigquery).");
    output("dataform_runner_service_account", accounts.dataformRunner.email, "Impersonate it to run the models (clickstream run --target bigquery).");
    output("ci_service_account", accounts.ci.email, "GitHub variable GCP_CI_SERVICE_ACCOUNT.");
    output("workload_identity_provider", wif.provider.name, "GitHub variable GCP_WORKLOAD_IDENTITY_PROVIDER.");
    output("dataform_repository", dataform.repository.id, "The managed Dataform repository.");
    output("dataform_git_token_secret", dataform.gitTokenSecret.id, "Add the GitHub token as a version of this secret.");
    output("transfer_config", transfer.config.name, "CLICKSTREAM_TRANSFER_CONFIG for clickstream transfer.");
  }
}

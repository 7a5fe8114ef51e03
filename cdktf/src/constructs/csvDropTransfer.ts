/**
 * A BigQuery Data Transfer config that loads each day's CSV drops from the landing bucket into
 * raw.events_transfer (see transferLandingTable.ts for why that table and not raw.events). A run
 * loads the folder of the previous day, drops/YYYYMMDD/, into that day's partition and replaces it
 * (MIRROR): rerunning a day never duplicates rows. A file with a malformed line fails the whole run
 * (max_bad_records 0), so nothing is dropped silently; `clickstream transfer` reports the error.
 * The transfer runs as the loader service account, which the Data Transfer service agent may
 * impersonate.
 */
import { BigqueryDataTransferConfig } from "@cdktf/provider-google/lib/bigquery-data-transfer-config/index.js";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member/index.js";
import type { ServiceAccount } from "@cdktf/provider-google/lib/service-account/index.js";
import { GoogleProjectServiceIdentity } from "@cdktf/provider-google-beta/lib/google-project-service-identity/index.js";
import type { GoogleBetaProvider } from "@cdktf/provider-google-beta/lib/provider/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/infraConfig.js";
import { BUCKET_PREFIXES, landingBucketName, TRANSFER_TABLE } from "../naming.js";

/** The previous day of the run, as Data Transfer's runtime parameter syntax writes it. */
const RUN_DAY = '{run_time-24h|"%Y%m%d"}';

/**
 * The transfer's parameters. `$$` is Terraform's escape for a literal `$`: the table template is
 * `events_transfer${…}` (a partition decorator), which Terraform would otherwise read as an expression.
 */
export function transferParams(environment: EnvironmentSettings): Record<string, string> {
  return {
    data_path_template: `gs://${landingBucketName(environment)}/${BUCKET_PREFIXES.drops}${RUN_DAY}/*.csv`,
    destination_table_name_template: `${TRANSFER_TABLE}$$${RUN_DAY}`,
    file_format: "CSV",
    encoding: "UTF8",
    field_delimiter: ",",
    skip_leading_rows: "1",
    allow_quoted_newlines: "true",
    max_bad_records: "0",
    write_disposition: "MIRROR",
    delete_source_files: "false",
  };
}

export interface CsvDropTransferProps {
  environment: EnvironmentSettings;
  loader: ServiceAccount;
  rawDatasetId: string;
  betaProvider: GoogleBetaProvider;
  dependsOn: ITerraformDependable[];
}

export class CsvDropTransfer extends Construct {
  readonly config: BigqueryDataTransferConfig;

  constructor(scope: Construct, id: string, { environment, loader, rawDatasetId, betaProvider, dependsOn }: CsvDropTransferProps) {
    super(scope, id);
    const serviceAgent = new GoogleProjectServiceIdentity(this, "service_agent", {
      provider: betaProvider,
      project: environment.projectId,
      service: "bigquerydatatransfer.googleapis.com",
      dependsOn,
    });
    const actsAsLoader = new ServiceAccountIamMember(this, "service_agent_impersonates_loader", {
      serviceAccountId: loader.name,
      role: "roles/iam.serviceAccountTokenCreator",
      member: serviceAgent.member,
    });
    this.config = new BigqueryDataTransferConfig(this, "config", {
      project: environment.projectId,
      location: environment.location,
      displayName: `clickstream CSV drops (${environment.name})`,
      dataSourceId: "google_cloud_storage",
      destinationDatasetId: rawDatasetId,
      schedule: environment.transferSchedule,
      serviceAccountName: loader.email,
      params: transferParams(environment),
      dependsOn: [...dependsOn, actsAsLoader],
    });
  }
}

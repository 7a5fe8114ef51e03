/**
 * The Google APIs the environment uses. They stay enabled on destroy: other workloads in the
 * project may depend on them, and disabling an API can delete its data.
 */
import { ProjectService } from "@cdktf/provider-google/lib/project-service/index.js";
import { Construct } from "constructs";

export const REQUIRED_APIS = [
  "bigquery.googleapis.com",
  "bigquerydatatransfer.googleapis.com",
  "storage.googleapis.com",
  "dataform.googleapis.com",
  "secretmanager.googleapis.com",
  "iam.googleapis.com",
  // Workload Identity Federation: token exchange and short-lived service account credentials.
  "sts.googleapis.com",
  "iamcredentials.googleapis.com",
  "cloudresourcemanager.googleapis.com",
] as const;

export class EnabledApis extends Construct {
  /** Resources that need the APIs depend on these. */
  readonly services: ProjectService[];

  constructor(scope: Construct, id: string, projectId: string) {
    super(scope, id);
    this.services = REQUIRED_APIS.map(
      (service) =>
        new ProjectService(this, service.split(".")[0]!, {
          project: projectId,
          service,
          disableOnDestroy: false,
          disableDependentServices: false,
        }),
    );
  }
}

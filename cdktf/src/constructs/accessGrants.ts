/**
 * Least-privilege grants, each on the narrowest resource that allows the job: bucket prefixes
 * (IAM conditions), single datasets, single service accounts. The only project-level grants are
 * `bigquery.jobUser` (BigQuery has no narrower place to grant running jobs). Every grant is a
 * non-authoritative *_iam_member, so grants made outside this stack survive.
 */
import { BigqueryDatasetIamMember } from "@cdktf/provider-google/lib/bigquery-dataset-iam-member/index.js";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member/index.js";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member/index.js";
import { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member/index.js";
import { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/infraConfig.js";
import { BUCKET_PREFIXES, landingBucketName } from "../naming.js";
import type { Datasets } from "./datasets.js";
import type { LandingBucket } from "./landingBucket.js";
import type { ServiceAccounts } from "./serviceAccounts.js";

/** CEL over the object name: true for objects under any of `prefixes` in `bucket`. */
export function objectPrefixCondition(bucket: string, prefixes: string[]): string {
  return prefixes.map((prefix) => `resource.name.startsWith("projects/_/buckets/${bucket}/objects/${prefix}")`).join(" || ");
}

/** storage.objects.list is checked on the bucket itself, so listing needs this alternative. */
export const BUCKET_ITSELF = 'resource.type == "storage.googleapis.com/Bucket"';

export interface AccessGrantsProps {
  environment: EnvironmentSettings;
  bucket: LandingBucket;
  datasets: Datasets;
  accounts: ServiceAccounts;
}

export class AccessGrants extends Construct {
  constructor(scope: Construct, id: string, { environment, bucket, datasets, accounts }: AccessGrantsProps) {
    super(scope, id);
    const bucketName = landingBucketName(environment);
    const loader = accounts.loader.member;
    const runner = accounts.dataformRunner.member;

    new StorageBucketIamMember(this, "loader_writes_landing", {
      bucket: bucket.bucket.name,
      role: "roles/storage.objectUser",
      member: loader,
      condition: {
        title: "landing and validated prefixes",
        description: "Originals and validated Parquet written by clickstream load.",
        expression: objectPrefixCondition(bucketName, [BUCKET_PREFIXES.landing, BUCKET_PREFIXES.validated]),
      },
    });
    new StorageBucketIamMember(this, "loader_reads_drops", {
      bucket: bucket.bucket.name,
      role: "roles/storage.objectViewer",
      member: loader,
      condition: {
        title: "drops prefix and listing",
        description: "Reads CSV drops (transfer, load --from gs://); listing is a bucket-level check.",
        expression: `${BUCKET_ITSELF} || ${objectPrefixCondition(bucketName, [BUCKET_PREFIXES.drops])}`,
      },
    });

    const datasetGrant = (name: string, layer: keyof Datasets["byLayer"], role: string, member: string) =>
      new BigqueryDatasetIamMember(this, name, { project: environment.projectId, datasetId: datasets.byLayer[layer].datasetId, role, member });
    datasetGrant("loader_edits_raw", "raw", "roles/bigquery.dataEditor", loader);
    datasetGrant("runner_reads_raw", "raw", "roles/bigquery.dataViewer", runner);
    datasetGrant("runner_edits_staging", "staging", "roles/bigquery.dataEditor", runner);
    datasetGrant("runner_edits_marts", "marts", "roles/bigquery.dataEditor", runner);
    datasetGrant("runner_edits_assertions", "assertions", "roles/bigquery.dataEditor", runner);

    for (const [name, member] of [["loader_runs_jobs", loader], ["runner_runs_jobs", runner]] as const) {
      new ProjectIamMember(this, name, { project: environment.projectId, role: "roles/bigquery.jobUser", member });
    }

    // The CI identity holds nothing itself: it can only mint tokens for these two accounts.
    for (const [name, target] of [["ci_impersonates_loader", accounts.loader], ["ci_impersonates_runner", accounts.dataformRunner]] as const) {
      new ServiceAccountIamMember(this, name, {
        serviceAccountId: target.name,
        role: "roles/iam.serviceAccountTokenCreator",
        member: accounts.ci.member,
      });
    }
  }
}

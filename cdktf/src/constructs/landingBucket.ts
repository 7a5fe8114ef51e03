/**
 * The landing bucket: private by construction (uniform bucket-level access, public access
 * prevention enforced), recoverable (object versioning and soft delete), and tidy (old raw files
 * and old versions are deleted by lifecycle rules). BigQuery keeps the loaded data; the files are
 * only needed for reloads within the retention period.
 */
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/infraConfig.js";
import { BUCKET_PREFIXES, labels, landingBucketName } from "../naming.js";

const SOFT_DELETE_SECONDS = 7 * 24 * 60 * 60;
const NONCURRENT_VERSION_DAYS = 30;

export class LandingBucket extends Construct {
  readonly bucket: StorageBucket;

  constructor(scope: Construct, id: string, environment: EnvironmentSettings, dependsOn: ITerraformDependable[]) {
    super(scope, id);
    this.bucket = new StorageBucket(this, "bucket", {
      project: environment.projectId,
      name: landingBucketName(environment),
      location: environment.location,
      storageClass: "STANDARD",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: true },
      softDeletePolicy: { retentionDurationSeconds: SOFT_DELETE_SECONDS },
      forceDestroy: false,
      labels: labels(environment, { layer: "landing" }),
      lifecycleRule: [
        {
          condition: { age: environment.rawFileRetentionDays, matchesPrefix: [BUCKET_PREFIXES.landing, BUCKET_PREFIXES.drops, BUCKET_PREFIXES.validated] },
          action: { type: "Delete" },
        },
        {
          condition: { daysSinceNoncurrentTime: NONCURRENT_VERSION_DAYS, withState: "ARCHIVED" },
          action: { type: "Delete" },
        },
      ],
      dependsOn,
    });
  }
}

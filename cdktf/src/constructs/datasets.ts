/**
 * The four BigQuery datasets of an environment (raw, staging, marts, assertions), in the configured
 * location, labelled by layer. Assertion results are disposable, so their tables expire.
 */
import { BigqueryDataset } from "@cdktf/provider-google/lib/bigquery-dataset/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/infraConfig.js";
import { DATASET_LAYERS, datasetId, labels, type DatasetLayer } from "../naming.js";

const DAY_MS = 24 * 60 * 60 * 1000;

const DESCRIPTIONS: Record<DatasetLayer, string> = {
  raw: "Raw clickstream as landed by the loaders and the CSV transfer: lossless, with lineage columns.",
  staging: "Typed, deduplicated events (Dataform).",
  marts: "Analysis-ready marts (Dataform).",
  assertions: "Dataform assertion views; rows here are failures. Tables expire.",
};

export class Datasets extends Construct {
  readonly byLayer: Record<DatasetLayer, BigqueryDataset>;

  constructor(scope: Construct, id: string, environment: EnvironmentSettings, dependsOn: ITerraformDependable[]) {
    super(scope, id);
    const entries = DATASET_LAYERS.map((layer) => {
      const dataset = new BigqueryDataset(this, layer, {
        project: environment.projectId,
        datasetId: datasetId(layer, environment),
        location: environment.location,
        description: DESCRIPTIONS[layer],
        labels: labels(environment, { layer }),
        deleteContentsOnDestroy: false,
        ...(layer === "assertions" ? { defaultTableExpirationMs: environment.assertionTableExpirationDays * DAY_MS } : {}),
        dependsOn,
      });
      return [layer, dataset] as const;
    });
    this.byLayer = Object.fromEntries(entries) as Record<DatasetLayer, BigqueryDataset>;
  }
}

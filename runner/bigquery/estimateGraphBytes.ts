/**
 * The bytes each action of a compiled graph would process on BigQuery, for a full refresh or for an
 * incremental run against the tables as they are now: selection, plan and dry runs in one call.
 * `clickstream run --target bigquery --dry-run` prints it; the benchmark reports it.
 */
import type { BigQuery } from "@google-cloud/bigquery";
import { graphActions, selectActions, type Selection } from "../graph/actionGraph.js";
import type { CompiledGraph } from "../graph/compiledGraph.js";
import { bigqueryDryRunClient, existingTables } from "./bigqueryDryRunClient.js";
import { planDryRun } from "./dryRunPlan.js";
import { estimateBytes, type BytesEstimate } from "./estimateBytes.js";

export interface GraphEstimateOptions {
  /** A client for the project and location (bigqueryDryRunClient.ts: createDryRunBigquery). */
  bigquery: BigQuery;
  selection?: Selection;
  fullRefresh: boolean;
  disableAssertions?: boolean;
}

export async function estimateGraphBytes(graph: CompiledGraph, options: GraphEstimateOptions): Promise<BytesEstimate> {
  const actions = selectActions(graphActions(graph, { disableAssertions: options.disableAssertions }), options.selection ?? {});
  // Only incremental tables care whether they exist: that decides incremental or full build.
  const incrementalDatasets = new Map<string, { projectId: string; dataset: string }>();
  for (const action of actions) {
    if (action.kind !== "table" || action.table.type !== "incremental") continue;
    const projectId = action.target.database ?? options.bigquery.projectId;
    incrementalDatasets.set(`${projectId}.${action.target.schema}`, { projectId, dataset: action.target.schema });
  }
  const existing = options.fullRefresh ? new Set<string>() : await existingTables(options.bigquery, [...incrementalDatasets.values()]);
  const plans = planDryRun(actions, { fullRefresh: options.fullRefresh, existingTables: existing });
  return estimateBytes(plans, bigqueryDryRunClient(options.bigquery), { builtByRun: new Set(actions.map((action) => action.name)) });
}

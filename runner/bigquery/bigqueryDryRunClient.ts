/**
 * The dry-run estimator's access to BigQuery through the official client: dry-run jobs
 * (jobs.insert with configuration.dryRun, which run nothing and cost nothing) and the list of
 * tables that exist (an incremental table that exists gets an incremental estimate).
 */
import { BigQuery } from "@google-cloud/bigquery";
import { DryRunRejectedError, type DryRunClient } from "./estimateBytes.js";
import type { WarehouseSettings } from "./warehouseSettings.js";

export const DRY_RUN_JOB_LABELS = { app: "clickstream", step: "dry-run" };

interface DryRunStatistics {
  totalBytesProcessed?: string;
  query?: { totalBytesProcessed?: string; statementType?: string };
}

export function createDryRunBigquery(settings: WarehouseSettings, auth: { keyFilename?: string; credentials?: object } = {}): BigQuery {
  return new BigQuery({
    projectId: settings.projectId,
    location: settings.location,
    ...(settings.apiEndpoint ? { apiEndpoint: settings.apiEndpoint } : {}),
    ...auth,
  });
}

export function bigqueryDryRunClient(bigquery: BigQuery): DryRunClient {
  return {
    async dryRun(sql) {
      try {
        const [job] = await bigquery.createQueryJob({ query: sql, dryRun: true, useLegacySql: false, labels: DRY_RUN_JOB_LABELS });
        const statistics = (job.metadata as { statistics?: DryRunStatistics }).statistics ?? {};
        const bytes = statistics.query?.totalBytesProcessed ?? statistics.totalBytesProcessed ?? "0";
        return { bytesProcessed: Number(bytes), ...(statistics.query?.statementType ? { statementType: statistics.query.statementType } : {}) };
      } catch (error) {
        throw new DryRunRejectedError((error as Error).message);
      }
    },
  };
}

/** Readable names (project.dataset.table) of the tables in `datasets`; a missing dataset has none. */
export async function existingTables(bigquery: BigQuery, datasets: Array<{ projectId: string; dataset: string }>): Promise<Set<string>> {
  const names = new Set<string>();
  for (const { projectId, dataset } of datasets) {
    try {
      const [tables] = await bigquery.dataset(dataset, { projectId }).getTables();
      for (const table of tables) names.add(`${projectId}.${dataset}.${table.id}`);
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
    }
  }
  return names;
}

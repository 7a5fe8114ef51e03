/**
 * The raw table the CSV transfer loads into. A transfer is a plain BigQuery load job: it cannot
 * quarantine a bad line or record a file name and line number the way `clickstream load` does. So
 * the transfer lands the file's fields as text (STRING keeps every value exactly as written: no
 * type coercion can alter or reject one), in the column names of raw.events (loaders/rawTables.ts),
 * into the ingestion-time partition of its run date: a row traces back to the drop folder of that
 * date, and a rerun replaces the partition instead of duplicating it.
 */
import { BigqueryTable } from "@cdktf/provider-google/lib/bigquery-table/index.js";
import { Construct } from "constructs";
import { EVENT_COLUMNS } from "../../../loaders/rawTables.js";
import type { EnvironmentSettings } from "../config/infraConfig.js";
import { labels, TRANSFER_TABLE } from "../naming.js";

export function transferTableSchema(): Array<{ name: string; type: "STRING"; mode: "NULLABLE"; description: string }> {
  return EVENT_COLUMNS.map((column) => ({
    name: column.name,
    type: "STRING",
    mode: "NULLABLE",
    description: `${column.description} As written in the file (raw.events types it as ${column.bigquery}).`,
  }));
}

export class TransferLandingTable extends Construct {
  readonly table: BigqueryTable;

  constructor(scope: Construct, id: string, environment: EnvironmentSettings, rawDatasetId: string) {
    super(scope, id);
    this.table = new BigqueryTable(this, "events_transfer", {
      project: environment.projectId,
      datasetId: rawDatasetId,
      tableId: TRANSFER_TABLE,
      description:
        "CSV drops loaded by the BigQuery Data Transfer config, fields as text; _PARTITIONTIME is the run date, i.e. the drops/YYYYMMDD/ folder the rows came from.",
      schema: JSON.stringify(transferTableSchema()),
      timePartitioning: { type: "DAY" },
      labels: labels(environment, { layer: "raw" }),
      deletionProtection: true,
    });
  }
}

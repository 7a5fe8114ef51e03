/** The tables the report reads, and a check that the warehouse has them all. */
import { quoteRelation, type DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { MissingReportTablesError } from "../errors.js";
import type { ReportSchemas } from "../reportSettings.js";

const REQUIRED_TABLES = {
  marts: [
    "daily_kpis",
    "event_type_by_hour",
    "funnel_steps_daily",
    "fct_funnel_events",
    "funnel_daily",
    "funnel_by_category_daily",
    "funnel_by_brand_daily",
    "product_conversion",
    "traffic_heatmap",
    "peak_hours_daily",
    "sessions",
    "session_quality",
    "journey_paths",
  ],
  staging: ["stg_events", "stg_events_rejected"],
  raw: ["events", "load_manifest", "events_rejected"],
} as const satisfies Partial<Record<keyof ReportSchemas, readonly string[]>>;

type Layer = keyof typeof REQUIRED_TABLES;
export type ReportTableName<L extends Layer> = (typeof REQUIRED_TABLES)[L][number];

/** Quoted references to the report's tables, in the schemas the project writes to. */
export interface ReportTables {
  mart(name: ReportTableName<"marts">): string;
  staging(name: ReportTableName<"staging">): string;
  raw(name: ReportTableName<"raw">): string;
  schemas: ReportSchemas;
}

export function reportTables(schemas: ReportSchemas): ReportTables {
  return {
    mart: (name) => quoteRelation(schemas.marts, name),
    staging: (name) => quoteRelation(schemas.staging, name),
    raw: (name) => quoteRelation(schemas.raw, name),
    schemas,
  };
}

/** `schema.table` names of the required tables the warehouse lacks. */
export function missingTables(schemas: ReportSchemas, existing: Set<string>): string[] {
  return (Object.keys(REQUIRED_TABLES) as Layer[]).flatMap((layer) =>
    REQUIRED_TABLES[layer].map((table) => `${schemas[layer]}.${table}`).filter((name) => !existing.has(name)),
  );
}

export async function assertReportTablesExist(warehouse: DuckdbWarehouse, schemas: ReportSchemas): Promise<void> {
  const rows = await warehouse.query<{ name: string }>(
    "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_catalog = current_database()",
  );
  const missing = missingTables(schemas, new Set(rows.map((row) => row.name)));
  if (missing.length > 0) throw new MissingReportTablesError(warehouse.path, missing);
}

/**
 * A Looker Studio Linking API URL that creates a new report already connected to the marts: one
 * BigQuery data source per mart table (aliases ds0, ds1, ...), in the user's project and dataset.
 * https://developers.google.com/looker-studio/integrate/linking-api
 */

export const LOOKER_STUDIO_CREATE_URL = "https://lookerstudio.google.com/reporting/create";

/** The marts a dashboard is built from, the seed's hourly and funnel tables first. */
export const LOOKER_STUDIO_MARTS = [
  "event_type_by_hour",
  "funnel_daily",
  "funnel_by_category_daily",
  "funnel_by_brand_daily",
  "funnel_steps_daily",
  "daily_kpis",
  "time_to_purchase_daily",
  "product_conversion",
  "category_brand_interest_daily",
  "traffic_hourly",
  "traffic_heatmap",
  "peak_hours_daily",
  "session_quality",
  "journey_paths",
  "sessions",
  "fct_funnel_events",
] as const;

export interface LookerStudioTarget {
  projectId: string;
  /** The marts dataset (with the schema suffix, when there is one). */
  dataset: string;
  tables?: readonly string[];
  reportName?: string;
}

/** Linking API parameters, in order: the report's name and mode, then each data source's settings. */
export function lookerStudioParameters(target: LookerStudioTarget): Array<[name: string, value: string]> {
  const tables = target.tables ?? LOOKER_STUDIO_MARTS;
  return [
    ["r.reportName", target.reportName ?? `Clickstream (${target.projectId}.${target.dataset})`],
    ["c.mode", "edit"],
    ...tables.flatMap((table, index): Array<[string, string]> => {
      const alias = `ds.ds${index}`;
      return [
        [`${alias}.connector`, "bigQuery"],
        [`${alias}.type`, "TABLE"],
        [`${alias}.projectId`, target.projectId],
        [`${alias}.datasetId`, target.dataset],
        [`${alias}.tableId`, table],
        [`${alias}.datasourceName`, table],
      ];
    }),
  ];
}

export function lookerStudioUrl(target: LookerStudioTarget): string {
  // encodeURIComponent, not URLSearchParams: spaces must be %20 (a "+" would stay in the report name).
  const query = lookerStudioParameters(target)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  return `${LOOKER_STUDIO_CREATE_URL}?${query}`;
}

import type { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import type { JourneyPathRow, JourneySection } from "../reportData.js";
import { queryRows } from "./queryRows.js";
import type { ReportTables } from "./reportTables.js";

export const JOURNEYS_SHOWN = 12;

export async function readJourneys(warehouse: DuckdbWarehouse, tables: ReportTables): Promise<JourneySection> {
  const table = tables.mart("journey_paths");
  const rows = await queryRows<Omit<JourneyPathRow, "path"> & { path: string }>(
    warehouse,
    `
    SELECT
      journey_path AS "path",
      exit_event_type AS "exitEventType",
      sessions::DOUBLE AS "sessions",
      share_of_sessions::DOUBLE AS "share",
      converted_sessions::DOUBLE AS "convertedSessions",
      conversion_rate::DOUBLE AS "conversionRate",
      average_events::DOUBLE AS "averageEvents"
    FROM ${table}
    ORDER BY sessions DESC, journey_path, exit_event_type
    LIMIT ${JOURNEYS_SHOWN}`,
  );
  const [count] = await queryRows<{ paths: number }>(warehouse, `SELECT count(*)::DOUBLE AS paths FROM ${table}`);
  return { pathCount: count?.paths ?? 0, paths: rows.map((row) => ({ ...row, path: row.path.split(">") })) };
}

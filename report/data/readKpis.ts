import type { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import type { DailyKpi } from "../reportData.js";
import { queryRows } from "./queryRows.js";
import type { ReportTables } from "./reportTables.js";

export async function readDailyKpis(warehouse: DuckdbWarehouse, tables: ReportTables): Promise<DailyKpi[]> {
  return queryRows<DailyKpi>(warehouse, `
    SELECT
      strftime(kpi_date, '%Y-%m-%d') AS "date",
      active_users::DOUBLE AS "activeUsers",
      sessions::DOUBLE AS "sessions",
      events::DOUBLE AS "events",
      purchases::DOUBLE AS "purchases",
      revenue::DOUBLE AS "revenue",
      converted_sessions::DOUBLE AS "convertedSessions",
      sessions_with_cart::DOUBLE AS "sessionsWithCart",
      -- The mart keeps the rate; the count comes back exactly (a rate of whole sessions).
      round(coalesce(cart_abandonment_rate, 0) * sessions_with_cart)::DOUBLE AS "abandonedCartSessions"
    FROM ${tables.mart("daily_kpis")}
    ORDER BY kpi_date`);
}

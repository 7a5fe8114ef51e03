/** Everything the dashboard shows, read from the marts (and raw/staging for data quality). */
import type { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { EmptyWarehouseError } from "../errors.js";
import type { ReportData } from "../reportData.js";
import type { ReportSettings } from "../reportSettings.js";
import { compareKpiPeriods } from "./compareKpiPeriods.js";
import { eventTypeShares, readHourlyEvents } from "./readEventActivity.js";
import { readConversion } from "./readConversion.js";
import { readDataQuality } from "./readDataQuality.js";
import { readFunnels } from "./readFunnels.js";
import { readJourneys } from "./readJourneys.js";
import { readDailyKpis } from "./readKpis.js";
import { readSessions } from "./readSessions.js";
import { readTraffic } from "./readTraffic.js";
import { assertReportTablesExist, reportTables } from "./reportTables.js";

export interface ReadOptions {
  /** Length of the KPI comparison period in days (shortened when there is less data). */
  periodDays?: number;
  now?: Date;
}

export async function readReportData(warehouse: DuckdbWarehouse, settings: ReportSettings, options: ReadOptions = {}): Promise<ReportData> {
  await assertReportTablesExist(warehouse, settings.schemas);
  const tables = reportTables(settings.schemas);
  const daily = await readDailyKpis(warehouse, tables);
  if (daily.length === 0 || daily.every((day) => day.events === 0)) throw new EmptyWarehouseError(warehouse.path);
  const hourlyEvents = await readHourlyEvents(warehouse, tables);
  const first = daily[0]!.date;
  const last = daily.at(-1)!.date;
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    warehouse: warehouse.path,
    dataRange: { from: first, to: last, days: daily.length },
    kpis: compareKpiPeriods(daily, options.periodDays),
    hourlyEvents,
    eventTypeShares: eventTypeShares(hourlyEvents),
    funnel: await readFunnels(warehouse, tables),
    conversion: await readConversion(warehouse, tables),
    traffic: await readTraffic(warehouse, tables, settings.reportingTimezone),
    sessions: await readSessions(warehouse, tables, settings.sessionTimeoutMinutes),
    journeys: await readJourneys(warehouse, tables),
    dataQuality: await readDataQuality(warehouse, tables),
  };
}

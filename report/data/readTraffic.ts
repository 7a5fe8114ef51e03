/** When shoppers come and buy: the weekday × hour heatmap, the busiest hours, each day's peak. */
import type { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import type { DailyPeak, HeatmapCell, HourOfDayShare, TrafficSection } from "../reportData.js";
import { queryRows } from "./queryRows.js";
import type { ReportTables } from "./reportTables.js";

export const PEAK_HOURS_HIGHLIGHTED = 3;

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export async function readTraffic(warehouse: DuckdbWarehouse, tables: ReportTables, reportingTimezone: string): Promise<TrafficSection> {
  const heatmap = await queryRows<HeatmapCell>(
    warehouse,
    `
    SELECT
      weekday::DOUBLE AS "weekday",
      weekday_name AS "weekdayName",
      hour::DOUBLE AS "hour",
      events::DOUBLE AS "events",
      sessions::DOUBLE AS "sessions",
      conversion_rate::DOUBLE AS "conversionRate"
    FROM ${tables.mart("traffic_heatmap")}
    ORDER BY weekday, hour`,
  );
  const peaks = await queryRows<Omit<DailyPeak, "weekdayName"> & { weekday: number }>(
    warehouse,
    `
    SELECT
      strftime(local_date, '%Y-%m-%d') AS "date",
      local_weekday::DOUBLE AS "weekday",
      peak_hour::DOUBLE AS "peakHour",
      peak_hour_events::DOUBLE AS "peakHourEvents",
      peak_share::DOUBLE AS "peakShare"
    FROM ${tables.mart("peak_hours_daily")}
    ORDER BY local_date`,
  );
  return {
    reportingTimezone,
    heatmap: completeHeatmap(heatmap),
    hours: hourOfDayShares(heatmap),
    dailyPeaks: peaks.map(({ weekday, ...peak }) => ({ ...peak, weekdayName: WEEKDAY_NAMES[weekday - 1] ?? String(weekday) })),
  };
}

/** All 7 × 24 cells, those without traffic as zero events and no conversion rate. */
export function completeHeatmap(cells: HeatmapCell[]): HeatmapCell[] {
  const byKey = new Map(cells.map((cell) => [`${cell.weekday}|${cell.hour}`, cell]));
  return WEEKDAY_NAMES.flatMap((weekdayName, index) =>
    Array.from({ length: 24 }, (_, hour): HeatmapCell => byKey.get(`${index + 1}|${hour}`) ?? { weekday: index + 1, weekdayName, hour, events: 0, sessions: 0, conversionRate: null }),
  );
}

/** Events per hour of day over all weekdays, with the busiest hours flagged. */
export function hourOfDayShares(heatmap: HeatmapCell[]): HourOfDayShare[] {
  const events = new Array<number>(24).fill(0);
  for (const cell of heatmap) events[cell.hour] = (events[cell.hour] ?? 0) + cell.events;
  const total = events.reduce((sum, value) => sum + value, 0);
  const peaks = new Set(
    events
      .map((value, hour) => ({ value, hour }))
      .filter(({ value }) => value > 0)
      .sort((a, b) => b.value - a.value || a.hour - b.hour)
      .slice(0, PEAK_HOURS_HIGHLIGHTED)
      .map(({ hour }) => hour),
  );
  return events.map((value, hour) => ({ hour, events: value, share: total > 0 ? value / total : 0, isPeak: peaks.has(hour) }));
}

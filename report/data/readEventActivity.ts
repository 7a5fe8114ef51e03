import type { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import type { EventType, EventTypeShare, HourlyEventCount } from "../reportData.js";
import { queryRows } from "./queryRows.js";
import type { ReportTables } from "./reportTables.js";

export const EVENT_TYPES: EventType[] = ["view", "cart", "remove_from_cart", "purchase"];

export async function readHourlyEvents(warehouse: DuckdbWarehouse, tables: ReportTables): Promise<HourlyEventCount[]> {
  const rows = await queryRows<HourlyEventCount>(warehouse, `
    SELECT
      strftime(event_hour, '%Y-%m-%dT%H:%M:%SZ') AS "hour",
      event_type AS "eventType",
      sum(event_count)::DOUBLE AS "events"
    FROM ${tables.mart("event_type_by_hour")}
    GROUP BY event_hour, event_type
    ORDER BY event_hour, event_type`);
  return fillMissingHours(rows);
}

/**
 * The mart has a row only where a type had events; an hour without one is a zero, and the lines
 * must drop to it rather than be drawn straight across the gap.
 */
export function fillMissingHours(rows: HourlyEventCount[]): HourlyEventCount[] {
  if (rows.length === 0) return [];
  const counts = new Map(rows.map((row) => [`${row.hour}|${row.eventType}`, row.events]));
  const types = EVENT_TYPES.filter((type) => rows.some((row) => row.eventType === type));
  const first = Math.min(...rows.map((row) => Date.parse(row.hour)));
  const last = Math.max(...rows.map((row) => Date.parse(row.hour)));
  const filled: HourlyEventCount[] = [];
  for (let time = first; time <= last; time += 3_600_000) {
    const hour = new Date(time).toISOString().replace(".000Z", "Z");
    for (const eventType of types) filled.push({ hour, eventType, events: counts.get(`${hour}|${eventType}`) ?? 0 });
  }
  return filled;
}

/** Each event type's share of all events, in funnel order. */
export function eventTypeShares(hourly: HourlyEventCount[]): EventTypeShare[] {
  const totals = new Map<EventType, number>();
  for (const row of hourly) totals.set(row.eventType, (totals.get(row.eventType) ?? 0) + row.events);
  const all = [...totals.values()].reduce((sum, value) => sum + value, 0);
  return EVENT_TYPES.filter((type) => totals.has(type)).map((eventType) => ({
    eventType,
    events: totals.get(eventType)!,
    share: all > 0 ? totals.get(eventType)! / all : 0,
  }));
}

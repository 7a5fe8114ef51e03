/**
 * Headline KPIs for the newest period against the period before it, from daily rows.
 * The period is a week when there are two weeks of data, otherwise half of the days there are.
 * A newest day with far less traffic than a typical day is still being filled (late events spill
 * into it); comparing it would read as a collapse, so it is left out and named.
 */
import type { DailyKpi, DateRange, KpiComparison, KpiSection, KpiUnit } from "../reportData.js";

/** A trailing day with fewer events than this share of the median day counts as incomplete. */
const INCOMPLETE_DAY_SHARE = 0.25;

export function compareKpiPeriods(daily: DailyKpi[], preferredDays = 7): KpiSection {
  const sorted = [...daily].sort((a, b) => a.date.localeCompare(b.date));
  const incompleteDays = trailingIncompleteDays(sorted);
  const complete = sorted.slice(0, sorted.length - incompleteDays.length);
  const lastDate = complete.at(-1)?.date ?? sorted.at(-1)?.date;
  const firstDate = sorted[0]?.date;
  if (!lastDate || !firstDate) throw new Error("compareKpiPeriods needs at least one day");
  const spanDays = daysBetween(firstDate, lastDate) + 1;
  const periodDays = Math.max(1, Math.min(preferredDays, Math.floor(spanDays / 2)));
  const current = rangeEndingAt(lastDate, periodDays);
  const previous = spanDays >= 2 ? rangeEndingAt(addDays(current.from, -1), periodDays) : null;
  const currentTotals = totalsOf(complete, current);
  const previousTotals = previous ? totalsOf(complete, previous) : null;
  return {
    current,
    previous,
    incompleteDays,
    kpis: KPI_DEFINITIONS.map((definition) => {
      const now = definition.value(currentTotals);
      const before = previousTotals ? definition.value(previousTotals) : null;
      return {
        key: definition.key,
        label: definition.label,
        unit: definition.unit,
        higherIsBetter: definition.higherIsBetter,
        current: now,
        previous: before,
        change: changeBetween(now, before, definition.unit),
      };
    }),
    daily: sorted,
  };
}

interface PeriodTotals {
  days: number;
  activeUsers: number;
  sessions: number;
  purchases: number;
  revenue: number;
  convertedSessions: number;
  sessionsWithCart: number;
  abandonedCartSessions: number;
}

interface KpiDefinition {
  key: string;
  label: string;
  unit: KpiUnit;
  higherIsBetter: boolean;
  value(totals: PeriodTotals): number | null;
}

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);

const KPI_DEFINITIONS: KpiDefinition[] = [
  { key: "revenue", label: "Revenue", unit: "money", higherIsBetter: true, value: (t) => t.revenue },
  { key: "orders", label: "Purchases", unit: "count", higherIsBetter: true, value: (t) => t.purchases },
  { key: "average_order_value", label: "Average order value", unit: "money", higherIsBetter: true, value: (t) => ratio(t.revenue, t.purchases) },
  { key: "sessions", label: "Sessions", unit: "count", higherIsBetter: true, value: (t) => t.sessions },
  { key: "conversion_rate", label: "Session conversion", unit: "rate", higherIsBetter: true, value: (t) => ratio(t.convertedSessions, t.sessions) },
  { key: "cart_abandonment_rate", label: "Cart abandonment", unit: "rate", higherIsBetter: false, value: (t) => ratio(t.abandonedCartSessions, t.sessionsWithCart) },
  { key: "daily_active_users", label: "Daily active users (average)", unit: "count", higherIsBetter: true, value: (t) => ratio(t.activeUsers, t.days) },
];

export function changeBetween(current: number | null, previous: number | null, unit: KpiUnit): number | null {
  if (current === null || previous === null) return null;
  if (unit === "rate") return current - previous;
  return previous === 0 ? null : (current - previous) / previous;
}

export function trailingIncompleteDays(sorted: DailyKpi[]): string[] {
  const median = medianOf(sorted.map((day) => day.events));
  const incomplete: string[] = [];
  for (let index = sorted.length - 1; index > 0; index--) {
    const day = sorted[index]!;
    if (day.events >= median * INCOMPLETE_DAY_SHARE) break;
    incomplete.unshift(day.date);
  }
  return incomplete;
}

function totalsOf(daily: DailyKpi[], range: DateRange): PeriodTotals {
  const totals: PeriodTotals = { days: range.days, activeUsers: 0, sessions: 0, purchases: 0, revenue: 0, convertedSessions: 0, sessionsWithCart: 0, abandonedCartSessions: 0 };
  for (const day of daily) {
    if (day.date < range.from || day.date > range.to) continue;
    totals.activeUsers += day.activeUsers;
    totals.sessions += day.sessions;
    totals.purchases += day.purchases;
    totals.revenue += day.revenue;
    totals.convertedSessions += day.convertedSessions;
    totals.sessionsWithCart += day.sessionsWithCart;
    totals.abandonedCartSessions += day.abandonedCartSessions;
  }
  return totals;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function rangeEndingAt(to: string, days: number): DateRange {
  return { from: addDays(to, -(days - 1)), to, days };
}

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

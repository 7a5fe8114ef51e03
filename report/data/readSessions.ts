/** Sessions: how long and how deep they are, and how clean the sessionization is. */
import type { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import type { DistributionBin, QualityShare, SessionSection } from "../reportData.js";
import { queryRows } from "./queryRows.js";
import type { ReportTables } from "./reportTables.js";

export interface BinDefinition {
  label: string;
  /** Values below this (and at or above the previous bin's bound) fall in the bin; null: no bound. */
  below: number | null;
}

export const DURATION_BINS: BinDefinition[] = [
  { label: "0 s", below: 1 },
  { label: "1–10 s", below: 10 },
  { label: "10–30 s", below: 30 },
  { label: "30 s–1 min", below: 60 },
  { label: "1–2 min", below: 120 },
  { label: "2–5 min", below: 300 },
  { label: "5–10 min", below: 600 },
  { label: "10–30 min", below: 1800 },
  { label: "30–60 min", below: 3600 },
  { label: "1 h+", below: null },
];

export const DEPTH_BINS: BinDefinition[] = [
  { label: "1", below: 2 },
  { label: "2", below: 3 },
  { label: "3", below: 4 },
  { label: "4", below: 5 },
  { label: "5", below: 6 },
  { label: "6–10", below: 11 },
  { label: "11–20", below: 21 },
  { label: "21+", below: null },
];

/** SQL giving the index of the bin a value falls in. */
export function binIndexSql(column: string, bins: BinDefinition[]): string {
  const cases = bins.flatMap((bin, index) => (bin.below === null ? [] : [`WHEN ${column} < ${bin.below} THEN ${index}`]));
  return `CASE ${cases.join(" ")} ELSE ${bins.length - 1} END`;
}

/** Every bin, empty ones included, with its share of all sessions. */
export function fillBins(bins: BinDefinition[], counts: Array<{ bin: number; sessions: number }>): DistributionBin[] {
  const byIndex = new Map(counts.map((count) => [count.bin, count.sessions]));
  const total = counts.reduce((sum, count) => sum + count.sessions, 0);
  return bins.map((bin, index) => {
    const sessions = byIndex.get(index) ?? 0;
    return { order: index, label: bin.label, sessions, share: total > 0 ? sessions / total : 0 };
  });
}

const QUALITY_LABELS: Array<[column: string, label: string]> = [
  ["split_by_timeout_share", "Split by the 30-minute timeout"],
  ["crossing_midnight_share", "Cross midnight (UTC)"],
  ["late_events_share", "Hold late-arriving events"],
  ["shared_by_users_share", "Session id shared by several users"],
  ["missing_session_id_share", "No session id in the source"],
];

export async function readSessions(warehouse: DuckdbWarehouse, tables: ReportTables, sessionTimeoutMinutes: number): Promise<SessionSection> {
  const sessions = tables.mart("sessions");
  const durations = await readBinCounts(warehouse, sessions, binIndexSql("duration_seconds", DURATION_BINS));
  const depths = await readBinCounts(warehouse, sessions, binIndexSql("events", DEPTH_BINS));
  const [totals] = await queryRows<{ sessions: number; bounceRate: number | null; medianDuration: number | null; medianEvents: number | null }>(
    warehouse,
    `
    SELECT
      count(*)::DOUBLE AS "sessions",
      avg(is_bounce::INTEGER)::DOUBLE AS "bounceRate",
      quantile_cont(duration_seconds, 0.5)::DOUBLE AS "medianDuration",
      quantile_cont(events, 0.5)::DOUBLE AS "medianEvents"
    FROM ${sessions}`,
  );
  // Daily shares weighted by the day's sessions give the share over the whole history.
  const [quality] = await queryRows<Record<string, number | null>>(
    warehouse,
    `SELECT ${QUALITY_LABELS.map(([column]) => `(sum(${column} * sessions) / nullif(sum(sessions), 0))::DOUBLE AS ${column}`).join(", ")}
     FROM ${tables.mart("session_quality")}`,
  );
  return {
    sessions: totals?.sessions ?? 0,
    bounceRate: totals?.bounceRate ?? null,
    medianDurationSeconds: totals?.medianDuration ?? null,
    medianEvents: totals?.medianEvents ?? null,
    durationBins: fillBins(DURATION_BINS, durations),
    depthBins: fillBins(DEPTH_BINS, depths),
    quality: QUALITY_LABELS.map(([key, label]): QualityShare => ({
      key,
      label: key === "split_by_timeout_share" ? `Split by the ${sessionTimeoutMinutes}-minute timeout` : label,
      share: quality?.[key] ?? 0,
    })),
  };
}

async function readBinCounts(warehouse: DuckdbWarehouse, table: string, binSql: string): Promise<Array<{ bin: number; sessions: number }>> {
  return queryRows(warehouse, `SELECT (${binSql})::DOUBLE AS bin, count(*)::DOUBLE AS sessions FROM ${table} GROUP BY 1 ORDER BY 1`);
}

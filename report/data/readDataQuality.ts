/**
 * Can the numbers be trusted: every input line accounted for (loaded, quarantined, duplicated,
 * rejected), every staged event in a session (and how many the session rule cut at midnight), the
 * assertions' results and how fresh the data is.
 */
import { quoteRelation, type DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import type { AssertionResult, DataQualitySection, ReasonCount } from "../reportData.js";
import { queryRows } from "./queryRows.js";
import type { ReportTables } from "./reportTables.js";

export async function readDataQuality(warehouse: DuckdbWarehouse, tables: ReportTables): Promise<DataQualitySection> {
  const [loads] = await queryRows<{ files: number; lines: number; loadedRows: number; quarantinedRows: number }>(
    warehouse,
    `
    SELECT
      count(*)::DOUBLE AS "files",
      coalesce(sum(lines), 0)::DOUBLE AS "lines",
      coalesce(sum(loaded_rows), 0)::DOUBLE AS "loadedRows",
      coalesce(sum(rejected_rows), 0)::DOUBLE AS "quarantinedRows"
    FROM ${tables.raw("load_manifest")}`,
  );
  // The rows' own load time, which the marts' loaded_through carries forward (the manifest's
  // finish time is a moment later).
  const [raw] = await queryRows<{ rows: number; newestLoadAt: string | null }>(
    warehouse,
    `SELECT count(*)::DOUBLE AS "rows", ${isoTimestamp("max(_loaded_at)")} AS "newestLoadAt" FROM ${tables.raw("events")}`,
  );
  const [staged] = await queryRows<{ stagedEvents: number; duplicateCopies: number; newestEventAt: string | null }>(
    warehouse,
    `
    SELECT
      count(*)::DOUBLE AS "stagedEvents",
      coalesce(sum(duplicate_count), 0)::DOUBLE AS "duplicateCopies",
      ${isoTimestamp("max(event_time)")} AS "newestEventAt"
    FROM ${tables.staging("stg_events")}`,
  );
  const rejections = await queryRows<ReasonCount>(
    warehouse,
    `
    SELECT 'load' AS "stage", reason AS "reason", count(*)::DOUBLE AS "rows" FROM ${tables.raw("events_rejected")} GROUP BY reason
    UNION ALL
    SELECT 'staging', rejection_reason, count(*)::DOUBLE FROM ${tables.staging("stg_events_rejected")} GROUP BY rejection_reason
    ORDER BY "stage", "rows" DESC, "reason"`,
  );
  const [sessions] = await queryRows<{ sessions: number; eventsInSessions: number }>(
    warehouse,
    `SELECT count(*)::DOUBLE AS "sessions", coalesce(sum(events), 0)::DOUBLE AS "eventsInSessions" FROM ${tables.mart("sessions")}`,
  );
  const [dayCuts] = await queryRows<{ sessions: number; events: number }>(
    warehouse,
    `SELECT coalesce(sum(day_cut_sessions), 0)::DOUBLE AS "sessions", coalesce(sum(day_cut_events), 0)::DOUBLE AS "events" FROM ${tables.mart("session_quality")}`,
  );
  const [marts] = await queryRows<{ loadedThrough: string | null }>(
    warehouse,
    `SELECT ${isoTimestamp("max(loaded_through)")} AS "loadedThrough" FROM ${tables.mart("daily_kpis")}`,
  );
  return {
    files: loads?.files ?? 0,
    lines: loads?.lines ?? 0,
    loadedRows: loads?.loadedRows ?? 0,
    quarantinedRows: loads?.quarantinedRows ?? 0,
    rawRows: raw?.rows ?? 0,
    stagedEvents: staged?.stagedEvents ?? 0,
    duplicateCopies: staged?.duplicateCopies ?? 0,
    rejectedInStaging: rejections.filter((row) => row.stage === "staging").reduce((sum, row) => sum + row.rows, 0),
    rejections,
    sessions: sessions?.sessions ?? 0,
    eventsInSessions: sessions?.eventsInSessions ?? 0,
    dayCutSessions: dayCuts?.sessions ?? 0,
    dayCutEvents: dayCuts?.events ?? 0,
    assertions: await readAssertionResults(warehouse, tables.schemas.assertions),
    newestEventAt: staged?.newestEventAt ?? null,
    newestLoadAt: raw?.newestLoadAt ?? null,
    martsLoadedThrough: marts?.loadedThrough ?? null,
  };
}

/**
 * The runner leaves each assertion as a view; as in Dataform, it passes when it returns no rows.
 * Null when there are none (a run with --disable-assertions).
 */
export async function readAssertionResults(warehouse: DuckdbWarehouse, schema: string): Promise<AssertionResult[] | null> {
  const views = await queryRows<{ name: string }>(
    warehouse,
    "SELECT table_name AS name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = ? ORDER BY table_name",
    [schema],
  );
  if (views.length === 0) return null;
  return queryRows<AssertionResult>(
    warehouse,
    views
      .map((view) => `SELECT ${sqlString(view.name)} AS "name", (SELECT count(*) FROM ${quoteRelation(schema, view.name)})::DOUBLE AS "failingRows"`)
      .join("\nUNION ALL\n") + '\nORDER BY "failingRows" DESC, "name"',
  );
}

function isoTimestamp(expression: string): string {
  return `strftime(${expression}, '%Y-%m-%dT%H:%M:%SZ')`;
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

// Project-wide settings for the SQLX models. Values come from dataform.json vars, so `--vars`
// (dataform run, clickstream run) can override them per run or per environment.
const vars = dataform.projectConfig.vars || {};

export const RAW_SCHEMA = vars["raw_schema"] || "raw";
export const STAGING_SCHEMA = vars["staging_schema"] || "staging";
export const MARTS_SCHEMA = vars["marts_schema"] || "marts";

/**
 * Incremental runs recompute every date that received newly loaded rows, however old; they also
 * recompute the newest LOOKBACK_DAYS days, the usual late-data window.
 */
export const LOOKBACK_DAYS = Number(vars["lookback_days"] || 3);

/** A gap longer than this (minutes) between two events starts a new session. */
export const SESSION_TIMEOUT_MINUTES = Number(vars["session_timeout_minutes"] || 30);

/** IANA time zone for local dates and hours in reports (DST-correct). */
export const REPORTING_TIMEZONE = vars["reporting_timezone"] || "UTC";

/** The REES46 event types, in funnel order; anything else is rejected in staging. */
export const EVENT_TYPES = ["view", "cart", "remove_from_cart", "purchase"];

/** The funnel_rank of each event type (its 1-based place in EVENT_TYPES), such as FUNNEL_RANK.cart = 2. */
export const FUNNEL_RANK: Record<string, number> = Object.fromEntries(EVENT_TYPES.map((type, index) => [type, index + 1]));

/** The funnel_rank of an event type, for stg_events (a type outside EVENT_TYPES gets NULL; staging rejects it). */
export function funnelRankOf(typeSql: string): string {
  return `CASE ${typeSql} ${EVENT_TYPES.map((type) => `WHEN '${type}' THEN ${FUNNEL_RANK[type]}`).join(" ")} END`;
}

/**
 * The event type of a funnel_rank (its 1-based place in EVENT_TYPES, stg_events.funnel_rank). Models
 * that keep a type per group (first, last, each journey step) aggregate the rank and name it after:
 * an integer aggregate state is a fraction of a text one when millions of groups spill.
 */
export function eventTypeOfRank(rankSql: string): string {
  return `CASE ${rankSql} ${EVENT_TYPES.map((type) => `WHEN ${FUNNEL_RANK[type]} THEN '${type}'`).join(" ")} END`;
}

/**
 * The business rules a raw event must pass to be staged (stg_events); the rows that fail any of
 * them are in stg_events_rejected, with the rule they broke.
 */
export const PASSES_BUSINESS_RULES = `event_time IS NOT NULL
    AND event_type IN (${EVENT_TYPES.map((type) => `'${type}'`).join(", ")})
    AND product_id IS NOT NULL
    AND user_id IS NOT NULL
    AND price IS NOT NULL
    AND price >= 0`;

/** The funnel steps the funnel marts count. */
export const FUNNEL_STEPS = ["view", "cart", "purchase"];

/** Assertions on the large tables check only their newest this-many days of partitions (cost). */
export const ASSERTION_WINDOW_DAYS = Number(vars["assertion_window_days"] || 7);

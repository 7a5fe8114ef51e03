"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ASSERTION_WINDOW_DAYS = exports.FUNNEL_STEPS = exports.PASSES_BUSINESS_RULES = exports.EVENT_TYPES = exports.REPORTING_TIMEZONE = exports.SESSION_TIMEOUT_MINUTES = exports.LOOKBACK_DAYS = exports.MARTS_SCHEMA = exports.STAGING_SCHEMA = exports.RAW_SCHEMA = void 0;
// Project-wide settings for the SQLX models. Values come from dataform.json vars, so `--vars`
// (dataform run, clickstream run) can override them per run or per environment.
const vars = dataform.projectConfig.vars || {};
exports.RAW_SCHEMA = vars["raw_schema"] || "raw";
exports.STAGING_SCHEMA = vars["staging_schema"] || "staging";
exports.MARTS_SCHEMA = vars["marts_schema"] || "marts";
/**
 * Incremental runs recompute every date that received newly loaded rows, however old; they also
 * recompute the newest LOOKBACK_DAYS days, the usual late-data window.
 */
exports.LOOKBACK_DAYS = Number(vars["lookback_days"] || 3);
/** A gap longer than this (minutes) between two events starts a new session. */
exports.SESSION_TIMEOUT_MINUTES = Number(vars["session_timeout_minutes"] || 30);
/** IANA time zone for local dates and hours in reports (DST-correct). */
exports.REPORTING_TIMEZONE = vars["reporting_timezone"] || "UTC";
/** The REES46 event types, in funnel order; anything else is rejected in staging. */
exports.EVENT_TYPES = ["view", "cart", "remove_from_cart", "purchase"];
/**
 * The business rules a raw event must pass to be staged (stg_events); the rows that fail any of
 * them are in stg_events_rejected, with the rule they broke.
 */
exports.PASSES_BUSINESS_RULES = `event_time IS NOT NULL
    AND event_type IN (${exports.EVENT_TYPES.map((type) => `'${type}'`).join(", ")})
    AND product_id IS NOT NULL
    AND user_id IS NOT NULL
    AND price IS NOT NULL
    AND price >= 0`;
/** The funnel steps the funnel marts count. */
exports.FUNNEL_STEPS = ["view", "cart", "purchase"];
/** Assertions on the large tables check only their newest this-many days of partitions (cost). */
exports.ASSERTION_WINDOW_DAYS = Number(vars["assertion_window_days"] || 7);

// Project-wide settings for the SQLX models. Values come from dataform.json vars so that
// `--vars` (dataform run, clickstream run) can override them per run or environment.
const vars = dataform.projectConfig.vars || {};

/** Event types the REES46 format defines; anything else is rejected in staging. */
const EVENT_TYPES = ["view", "cart", "remove_from_cart", "purchase"];

module.exports = {
  RAW_SCHEMA: vars.raw_schema || "raw",
  STAGING_SCHEMA: vars.staging_schema || "staging",
  /** Days before the newest staged date that an incremental run recomputes, to catch late events. */
  LOOKBACK_DAYS: Number(vars.lookback_days || 3),
  /** A gap longer than this (minutes) between two events starts a new session. */
  SESSION_TIMEOUT_MINUTES: Number(vars.session_timeout_minutes || 30),
  /** IANA time zone for local dates and hours in reports. */
  REPORTING_TIMEZONE: vars.reporting_timezone || "UTC",
  EVENT_TYPES,
};

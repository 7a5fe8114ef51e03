"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Assertions on the large tables, limited to their newest partitions (var assertion_window_days,
// default 7) so that on BigQuery they read days, not the whole history. They check what Dataform's
// inline assertions would: unique keys, required columns and row conditions.
// Authored in TypeScript; Dataform runs the .js emitted beside this file.
const constants_1 = require("../../includes/constants");
function recentRows(context, checks) {
    const table = context.ref({ schema: checks.schema, name: checks.table });
    return `SELECT * FROM ${table}
  WHERE ${checks.dateColumn} >= DATE_SUB((SELECT MAX(${checks.dateColumn}) FROM ${table}), INTERVAL ${constants_1.ASSERTION_WINDOW_DAYS} DAY)`;
}
function defineRecentAssertions(checks) {
    const tags = ["daily", "recent"];
    assert(`${checks.table}_recent_unique_key`, { description: `${checks.table}: ${checks.uniqueKey.join(", ")} is unique in the newest partitions. Returns duplicated keys.`, tags }).query((context) => `
SELECT ${checks.uniqueKey.join(", ")}, COUNT(*) AS copies
FROM (${recentRows(context, checks)}) AS recent
GROUP BY ${checks.uniqueKey.join(", ")}
HAVING COUNT(*) > 1`);
    const conditions = [...checks.nonNull.map((column) => `${column} IS NOT NULL`), ...checks.rowConditions];
    assert(`${checks.table}_recent_row_conditions`, { description: `${checks.table}: required columns and row conditions hold in the newest partitions. Returns failing rows with the condition.`, tags }).query((context) => conditions
        .map((condition) => `SELECT ${JSON.stringify(condition)} AS failing_row_condition, recent.* FROM (${recentRows(context, checks)}) AS recent WHERE NOT (${condition})`)
        .join("\nUNION ALL\n"));
}
defineRecentAssertions({
    table: "stg_events",
    schema: constants_1.STAGING_SCHEMA,
    dateColumn: "event_date",
    uniqueKey: ["event_id"],
    nonNull: ["event_id", "event_time", "event_date", "event_type", "product_id", "user_id", "price"],
    rowConditions: ["event_type IN ('view', 'cart', 'remove_from_cart', 'purchase')", "price >= 0", "duplicate_count >= 0"],
});
defineRecentAssertions({
    table: "int_session_events",
    schema: constants_1.STAGING_SCHEMA,
    dateColumn: "session_date",
    uniqueKey: ["event_id"],
    nonNull: ["session_id", "session_date", "event_id", "event_sequence"],
    rowConditions: ["event_time >= session_start"],
});
defineRecentAssertions({
    table: "sessions",
    schema: constants_1.MARTS_SCHEMA,
    dateColumn: "session_date",
    uniqueKey: ["session_id"],
    nonNull: ["session_id", "session_date", "session_start", "events", "deepest_stage"],
    rowConditions: [
        "session_start <= session_end",
        "events >= 1",
        "duration_seconds >= 0",
        "views + carts + removals + purchases = events",
        "is_bounce = (events = 1)",
        "is_converted = (purchases > 0)",
    ],
});
defineRecentAssertions({
    table: "fct_funnel_events",
    schema: constants_1.MARTS_SCHEMA,
    dateColumn: "session_date",
    uniqueKey: ["session_id", "product_id"],
    nonNull: ["session_id", "session_date", "product_id", "stage_reached"],
    rowConditions: [
        "has_view OR has_cart OR has_remove OR has_purchase",
        "NOT in_order OR (has_view AND has_cart AND has_purchase)",
        "seconds_view_to_purchase IS NULL OR seconds_view_to_purchase >= 0",
    ],
});

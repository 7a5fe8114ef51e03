"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNIT_TESTS = exports.SOURCE_SESSION = exports.NEW_EVENT_DATES = exports.WATERMARK = exports.MAX_SESSION_DAYS = void 0;
exports.sessionDayKey = sessionDayKey;
exports.declareWatermark = declareWatermark;
exports.declareNewEventDates = declareNewEventDates;
exports.declareRecomputeDates = declareRecomputeDates;
exports.manifestTable = manifestTable;
exports.loadedSince = loadedSince;
exports.declareDates = declareDates;
exports.declareDatesToSet = declareDatesToSet;
exports.setDates = setDates;
exports.eventDates = eventDates;
exports.firstLoadedSince = firstLoadedSince;
exports.touchedSourceSessions = touchedSourceSessions;
exports.deleteVanishedSessions = deleteVanishedSessions;
exports.deleteEmptiedDates = deleteEmptiedDates;
exports.sessionDates = sessionDates;
exports.inDates = inDates;
exports.timestampInDates = timestampInDates;
exports.sessionWindow = sessionWindow;
exports.incrementalConfig = incrementalConfig;
exports.mergeConfig = mergeConfig;
exports.accumulatingConfig = accumulatingConfig;
exports.unitTestOrder = unitTestOrder;
// How the incremental models decide what to recompute, so that the result equals a full refresh of
// the same raw data (tests/models/ proves it). Every incremental model at event, session or day
// grain is partitioned by a date:
//  - each row carries `loaded_through`, the newest raw `_loaded_at` it reflects, so a model's
//    watermark is MAX(loaded_through) and "new data" is anything loaded after it, however late;
//  - daily models overwrite the partitions (INSERT_OVERWRITE) of the new data's dates, plus the
//    newest LOOKBACK_DAYS dates; those at session grain also delete the dates left without a row;
//  - session models MERGE the sessions of the source sessions that received new events, on the
//    dates around the new data where a session could have changed: one late event can merge or
//    move sessions, and the session rule keeps every session within MAX_SESSION_DAYS UTC dates
//    (an assertion checks it), so no session further away can be affected.
// The product-grain models that feed product_conversion instead add the events first loaded since
// their watermark (accumulatingConfig, firstLoadedSince).
// The new data's event dates come from stg_events_load_dates (event date × load time), not from a
// scan of stg_events. The dates go into a script variable (DECLARE ... ARRAY<DATE>) so BigQuery
// prunes partitions, with its first and last date as scalar variables, which DuckDB prunes row
// groups by.
const constants_1 = require("./constants");
/**
 * A session spans at most this many UTC dates, so it lasts less than this many days: a run of
 * activity (no pause longer than the timeout) that reaches a later date is cut at each UTC midnight
 * from then on, one session per date (definitions/README.md, "The session rule", says why). The
 * bound is what keeps a rerun's reads bounded; an assertion checks it.
 */
exports.MAX_SESSION_DAYS = 2;
/**
 * The UTC date that keys the session of an event on `eventDate` in a run that started on
 * `runStartDate`: the run's start date for its first MAX_SESSION_DAYS dates, then the event's own.
 */
function sessionDayKey(eventDate, runStartDate) {
    return `IF(${eventDate} < DATE_ADD(${runStartDate}, INTERVAL ${exports.MAX_SESSION_DAYS} DAY), ${runStartDate}, ${eventDate})`;
}
/** The newest raw load reflected in `relation` (its `column`), or 1970 when it is empty. */
function watermark(relation, column = "loaded_through") {
    return `(SELECT COALESCE(MAX(${column}), TIMESTAMP '1970-01-01 00:00:00 UTC') FROM ${relation})`;
}
/**
 * The script variable declareWatermark sets to the model's watermark. Read once, before the model
 * changes, the date lists and the query agree on it, and BigQuery reads the column once.
 */
exports.WATERMARK = "self_watermark";
/** `DECLARE self_watermark` (WATERMARK): `self`'s watermark in `column`. */
function declareWatermark(self, column = "loaded_through") {
    return `DECLARE ${exports.WATERMARK} TIMESTAMP DEFAULT ${watermark(self, column)}`;
}
/** The script variable declareNewEventDates puts the new data's event dates in. */
exports.NEW_EVENT_DATES = "new_event_dates";
/**
 * For a model downstream of stg_events: its watermark (declareWatermark), then the event dates of
 * the staged events loaded since (NEW_EVENT_DATES, declareDates), found in `loadDates`
 * (stg_events_load_dates, a few rows per load) rather than by reading two columns of all of
 * stg_events. A date there may no longer hold such events (an event can gain a later copy): a date
 * too many is recomputed for nothing, never wrongly.
 */
function declareNewEventDates(self, loadDates, watermarkColumn = "loaded_through") {
    return `${declareWatermark(self, watermarkColumn)};
${declareDates(exports.NEW_EVENT_DATES, `SELECT event_date AS affected_date FROM ${loadDates} WHERE loaded_through > ${exports.WATERMARK}`)}`;
}
/** declareNewEventDates, then the dates the model recomputes, selected by `datesSql`, as `name` (declareDates). */
function declareRecomputeDates(self, loadDates, name, datesSql) {
    return `${declareNewEventDates(self, loadDates)};
${declareDates(name, datesSql)}`;
}
/**
 * The one-row table beside `self` that records how far it has checked raw (Snowplow's incremental
 * manifest): a model whose rows can all be filtered away, such as the rejects, cannot keep its
 * watermark in its own rows, or a load without a reject would leave it where it was.
 */
function manifestTable(self) {
    return self.replace(/(`?)$/, "_manifest$1");
}
/**
 * Raw rows the model has not absorbed yet: those loaded after its watermark, whatever their date. A
 * model that MERGEs each event rebuilt from all of its copies needs no lookback on top of this.
 */
function loadedSince() {
    return `_loaded_at > ${exports.WATERMARK}`;
}
/**
 * `DECLARE name ARRAY<DATE>` holding the distinct non-null `affected_date`s that `datesSql` selects,
 * and its first and last dates as `name_first` and `name_last` (NULL when there are none): a range
 * of scalar variables is what DuckDB prunes row groups by, where it tests an IN UNNEST row by row.
 */
function declareDates(name, datesSql) {
    return `DECLARE ${name} ARRAY<DATE> DEFAULT (${datesArray(datesSql)});
DECLARE ${name}_first DATE DEFAULT (SELECT MIN(d) FROM UNNEST(${name}) AS d);
DECLARE ${name}_last DATE DEFAULT (SELECT MAX(d) FROM UNNEST(${name}) AS d)`;
}
/**
 * declareDates' variables without values, for a script that must run a statement before it can
 * select the dates (BigQuery wants every DECLARE first); setDates gives them their values.
 */
function declareDatesToSet(name) {
    return `DECLARE ${name} ARRAY<DATE>;
DECLARE ${name}_first, ${name}_last DATE`;
}
/** Sets the variables declareDatesToSet declared, as declareDates would have. */
function setDates(name, datesSql) {
    return `SET ${name} = (${datesArray(datesSql)});
SET ${name}_first = (SELECT MIN(d) FROM UNNEST(${name}) AS d);
SET ${name}_last = (SELECT MAX(d) FROM UNNEST(${name}) AS d)`;
}
function datesArray(datesSql) {
    return `
  SELECT ARRAY_AGG(DISTINCT affected_date IGNORE NULLS) FROM (
    ${datesSql}
  )
`;
}
/** The newest LOOKBACK_DAYS dates of `dateColumn` in `self`: the conventional late-data window. */
function lookbackDates(self, dateColumn) {
    return `SELECT DISTINCT ${dateColumn} AS affected_date FROM ${self}
    WHERE ${dateColumn} >= DATE_SUB((SELECT MAX(${dateColumn}) FROM ${self}), INTERVAL ${constants_1.LOOKBACK_DAYS} DAY)`;
}
/**
 * Dates (of `dateExpression` over staged events) that gained events since the model (`self`) last
 * ran, plus the lookback: read on the new data's event dates only.
 */
function eventDates(self, stagedEvents, dateExpression, dateColumn) {
    return `SELECT DISTINCT ${dateExpression} AS affected_date FROM ${stagedEvents}
    WHERE ${stagedSince("loaded_through")}
    UNION ALL
    ${lookbackDates(self, dateColumn)}`;
}
/**
 * Staged events whose load time `column` is after the model's watermark, read on the new data's
 * event dates only: every such event lies on one of them.
 */
function stagedSince(column) {
    return `${inDates(true, "event_date", exports.NEW_EVENT_DATES)} AND ${column} > ${exports.WATERMARK}`;
}
/**
 * Staged events first loaded since the model last ran (its watermark is in first load times): a
 * first load after the watermark is a load after it, so they lie on the new data's event dates.
 */
function firstLoadedSince() {
    return stagedSince("first_loaded_at");
}
/** The key sessions are built from: the source session id, or the user when the file had none. */
exports.SOURCE_SESSION = "COALESCE(user_session, CONCAT('user-', CAST(user_id AS STRING)))";
/**
 * Source sessions with events loaded since the model last ran, read on the new data's event dates
 * only. Sessionization is per source session, so no other source session can have changed.
 */
function touchedSourceSessions(stagedEvents) {
    return `SELECT DISTINCT ${exports.SOURCE_SESSION} AS source_session FROM ${stagedEvents}
    WHERE ${stagedSince("loaded_through")}`;
}
/**
 * Deletes the rows of sessions that no longer exist (a late event merged them into an earlier one):
 * a MERGE updates and inserts, it never deletes.
 */
function deleteVanishedSessions(self, sessionEvents, datesVariable) {
    return `DELETE FROM ${self}
WHERE ${inDates(true, "session_date", datesVariable)}
  AND session_id NOT IN (
    SELECT session_id FROM ${sessionEvents} WHERE ${inDates(true, "session_date", datesVariable)} AND event_sequence = 1
  )`;
}
/**
 * INSERT_OVERWRITE replaces only the dates its result holds, so a recomputed date that yields no row
 * any more (a late event moved every session that started on it, or every timed purchase, to the day
 * before) would keep its old rows. Deletes them: the rows on recomputed dates where `source` has no
 * row with `sourceFilter`, the model's own filter of it.
 */
function deleteEmptiedDates(self, dateColumn, variable, source, sourceDateColumn = "session_date", sourceFilter = "TRUE") {
    return `DELETE FROM ${self}
WHERE ${inDates(true, dateColumn, variable)}
  AND ${dateColumn} NOT IN (
    SELECT ${sourceDateColumn} FROM ${source} WHERE ${inDates(true, sourceDateColumn, variable)} AND ${sourceFilter}
  )`;
}
/**
 * Session dates to recompute, plus the lookback. An event at time t on date d changes only the run
 * of activity it joins (with the runs just before and after it, which it may merge) and the
 * session of the source session's next event:
 *  - the session t joins, or the one before the cut t starts, holds an event within the timeout
 *    before t and spans at most MAX_SESSION_DAYS dates, so it starts on d - MAX_SESSION_DAYS or later;
 *  - a merged run starts earlier, so the later run's first session (which started by t + timeout)
 *    is cut at the midnights before it would have been: new sessions start by date d + MAX_SESSION_DAYS;
 *  - the next event's session starts within MAX_SESSION_DAYS of t (further, its pause is not recorded).
 * So the dates from MAX_SESSION_DAYS before the new data's dates to MAX_SESSION_DAYS after.
 * (Looking this up per source session would scan every staged event.)
 */
function sessionDates(self, dateColumn = "session_date") {
    return `SELECT affected_date
    FROM UNNEST(${exports.NEW_EVENT_DATES}) AS event_date,
      UNNEST(GENERATE_DATE_ARRAY(DATE_SUB(event_date, INTERVAL ${exports.MAX_SESSION_DAYS} DAY), DATE_ADD(event_date, INTERVAL ${exports.MAX_SESSION_DAYS} DAY))) AS affected_date
    UNION ALL
    ${lookbackDates(self, dateColumn)}`;
}
/** `column IN UNNEST(variable)` on incremental runs, within the list's range; TRUE on a full refresh. */
function inDates(isIncremental, column, variable) {
    return isIncremental ? `${column} BETWEEN ${variable}_first AND ${variable}_last AND ${column} IN UNNEST(${variable})` : "TRUE";
}
/**
 * `DATE(timestampColumn) IN UNNEST(variable)`, led by the same condition as a range on the column
 * itself (UTC midnights), which DuckDB prunes row groups by.
 */
function timestampInDates(timestampColumn, variable) {
    return `${timestampColumn} >= TIMESTAMP(${variable}_first) AND ${timestampColumn} < TIMESTAMP(DATE_ADD(${variable}_last, INTERVAL 1 DAY))
    AND DATE(${timestampColumn}) IN UNNEST(${variable})`;
}
/**
 * Events a session recompute must read: the affected dates with MAX_SESSION_DAYS of margin, so that
 * every rebuilt session is whole, and a session starting at a cut on date a sees that its run had
 * already begun by a - MAX_SESSION_DAYS.
 */
function sessionWindow(isIncremental, variable) {
    return isIncremental
        ? `event_date BETWEEN DATE_SUB(${variable}_first, INTERVAL ${exports.MAX_SESSION_DAYS} DAY) AND DATE_ADD(${variable}_last, INTERVAL ${exports.MAX_SESSION_DAYS} DAY)`
        : "TRUE";
}
/**
 * Dataform cannot unit-test incremental models, so `clickstream test` (and `dataform test` in CI)
 * compile with the var unit_tests=true: the models become views with the same SQL (their
 * full-refresh query), and the unit tests in definitions/tests/ become available.
 */
exports.UNIT_TESTS = (dataform.projectConfig.vars || {})["unit_tests"] === "true";
/** The config of a date-partitioned INSERT_OVERWRITE model (a plain view when unit testing). */
function incrementalConfig(partitionBy, clusterBy) {
    if (exports.UNIT_TESTS)
        return { type: "view" };
    return {
        type: "incremental",
        incrementalStrategy: "INSERT_OVERWRITE",
        bigquery: clusterBy ? { partitionBy, clusterBy } : { partitionBy },
    };
}
/**
 * The config of a date-partitioned model that MERGEs on `uniqueKey`, reading only the target's
 * partitions listed in the script variable `datesVariable` (a plain view when unit testing).
 */
function mergeConfig(partitionBy, uniqueKey, datesVariable, clusterBy) {
    if (exports.UNIT_TESTS)
        return { type: "view" };
    return {
        type: "incremental",
        uniqueKey,
        bigquery: { partitionBy, ...(clusterBy ? { clusterBy } : {}), updatePartitionFilter: `${partitionBy} IN UNNEST(${datesVariable})` },
    };
}
/**
 * The config of a model at product grain kept up to date by adding only the events first loaded since
 * its watermark (a MERGE on `uniqueKey`, or an INSERT without one): whole history, no partitions,
 * each event counted once however late it arrives. A plain view when unit testing.
 */
function accumulatingConfig(clusterBy, uniqueKey) {
    if (exports.UNIT_TESTS)
        return { type: "view" };
    return { type: "incremental", ...(uniqueKey ? { uniqueKey } : {}), bigquery: { clusterBy } };
}
/**
 * Dataform's unit tests compare rows by position, so in unit-test mode a model's view gets an
 * ORDER BY; the models themselves stay unordered (a sort would cost on BigQuery for nothing).
 */
function unitTestOrder(columns) {
    return exports.UNIT_TESTS ? `ORDER BY ${columns}` : "";
}

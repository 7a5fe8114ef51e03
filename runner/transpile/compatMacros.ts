/**
 * DuckDB macros that give BigQuery semantics where polyglot's translation differs.
 * rewriteBigquery.ts emits calls to them. They are created in the warehouse file itself, so views
 * that use them still work when the file is opened with the plain DuckDB CLI.
 * Every macro is exercised by the conformance suite (tests/transpile/conformance.test.ts).
 *
 * DuckDB's TIMESTAMPTZ arithmetic goes through ICU calendars and is about ten times slower than the
 * same work on a plain TIMESTAMP. BigQuery's default zone is UTC, where no calendar is needed, so the
 * macros take the UTC wall clock from the epoch (`bq_utc_wall`) whenever the zone is 'UTC'; DuckDB
 * folds the CASE away when the zone is a constant.
 */
export const COMPAT_MACROS_SQL = `
CREATE OR REPLACE MACRO bq_to_timestamp(x) AS CAST(x AS TIMESTAMPTZ);
CREATE OR REPLACE MACRO bq_safe_to_timestamp(x) AS TRY_CAST(x AS TIMESTAMPTZ);
CREATE OR REPLACE MACRO bq_to_numeric(x) AS CAST(x AS DECIMAL(38, 9));
CREATE OR REPLACE MACRO bq_safe_to_numeric(x) AS TRY_CAST(x AS DECIMAL(38, 9));
CREATE OR REPLACE MACRO bq_utc_wall(ts) AS make_timestamp(epoch_us(ts));
CREATE OR REPLACE MACRO bq_datetime_in_zone(ts, zone) AS
  CASE WHEN zone = 'UTC' THEN bq_utc_wall(ts) ELSE timezone(zone, CAST(ts AS TIMESTAMPTZ)) END;
CREATE OR REPLACE MACRO bq_date(ts) AS CAST(bq_utc_wall(ts) AS DATE);
CREATE OR REPLACE MACRO bq_array_head(list, n) AS list_slice(list, 1, n);
CREATE OR REPLACE MACRO bq_timestamp_diff(a, b, part) AS date_sub(part, b, a);
CREATE OR REPLACE MACRO bq_timestamp_diff_micros(a, b, unit_micros) AS (epoch_us(a) - epoch_us(b)) // unit_micros;
CREATE OR REPLACE MACRO bq_timestamp_trunc_micros(ts, unit_micros) AS
  make_timestamptz(epoch_us(ts) - ((epoch_us(ts) % unit_micros) + unit_micros) % unit_micros);
CREATE OR REPLACE MACRO bq_date_trunc(d, part) AS CAST(date_trunc(part, d) AS DATE);
CREATE OR REPLACE MACRO bq_date_trunc_week(d, first_day) AS
  CAST(d AS DATE) - CAST((dayofweek(d) - first_day + 7) % 7 AS INTEGER);
CREATE OR REPLACE MACRO bq_timestamp_trunc_week(ts, first_day) AS
  date_trunc('day', ts) - to_days(CAST((dayofweek(ts) - first_day + 7) % 7 AS INTEGER));
CREATE OR REPLACE MACRO bq_date_add(d, step) AS CAST(d + step AS DATE);
CREATE OR REPLACE MACRO bq_date_sub(d, step) AS CAST(d - step AS DATE);
CREATE OR REPLACE MACRO bq_date_in_zone(ts, zone) AS CAST(bq_datetime_in_zone(ts, zone) AS DATE);
CREATE OR REPLACE MACRO bq_format_timestamp(fmt, ts, zone) AS strftime(bq_datetime_in_zone(ts, zone), fmt);
CREATE OR REPLACE MACRO bq_format(fmt, value) AS strftime(value, fmt);
CREATE OR REPLACE MACRO bq_parse_timestamp(fmt, s, zone) AS timezone(zone, strptime(s, fmt));
CREATE OR REPLACE MACRO bq_parse_date(fmt, s) AS CAST(strptime(s, fmt) AS DATE);
CREATE OR REPLACE MACRO bq_regexp_contains(s, pattern) AS regexp_matches(s, pattern);
CREATE OR REPLACE MACRO bq_array_to_string(list, separator) AS
  CASE WHEN list IS NULL OR separator IS NULL THEN NULL ELSE COALESCE(array_to_string(list, separator), '') END;
CREATE OR REPLACE MACRO bq_max_by(x, y) AS arg_max_null(x, y);
CREATE OR REPLACE MACRO bq_min_by(x, y) AS arg_min_null(x, y);
`;

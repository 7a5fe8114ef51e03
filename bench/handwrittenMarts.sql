-- The floor for the pipeline: the five headline figures (sessions, their events, view and
-- view-to-purchase session × product pairs, hourly events) computed straight from the CSV by the
-- fastest DuckDB script we know how to write, under the same rules as the models: the same validity
-- rules, exact duplicates collapsed, sessions of a source session (user_session, or the user when
-- it is missing) split after more than {{TIMEOUT_SECONDS}} s of inactivity and cut at each UTC
-- midnight after a run's first {{MAX_SESSION_DAYS}} dates, funnel counts over session × product
-- pairs. It keeps nothing else: no raw copy, ids, lineage or local time.
-- {{FILES}} is replaced by the benchmark with a DuckDB list of CSV paths.
--
-- What makes it fast (each measured against the previous floor, see BENCHMARKS.md):
--  - exact duplicates collapse in one GROUP BY over the nine fields, keeping only the five used;
--  - a 64-bit hash leads the window partition, so the sort compares integers first;
--  - sessions are (source session, run number, session date), never a hex id; the number of
--    sessions is the number of session starts, so no DISTINCT is needed;
--  - the running values use the default RANGE frame: events tied in time get the same run whatever
--    order the sort left them in;
--  - insertion order is not preserved.
SET preserve_insertion_order = false;

CREATE TEMP TABLE events AS
SELECT hash(source_session) AS source_hash, source_session, event_time, event_type, product_id
FROM (
  SELECT event_time, event_type, product_id, coalesce(user_session, 'user-' || user_id) AS source_session
  FROM read_csv({{FILES}}, header = true, timestampformat = '%Y-%m-%d %H:%M:%S UTC', columns = {
    'event_time': 'TIMESTAMP', 'event_type': 'VARCHAR', 'product_id': 'BIGINT', 'category_id': 'BIGINT',
    'category_code': 'VARCHAR', 'brand': 'VARCHAR', 'price': 'DECIMAL(12, 2)', 'user_id': 'BIGINT', 'user_session': 'VARCHAR'
  })
  WHERE event_type IN ('view', 'cart', 'remove_from_cart', 'purchase')
    AND event_time IS NOT NULL AND product_id IS NOT NULL AND user_id IS NOT NULL AND price >= 0
  GROUP BY event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
);

CREATE TEMP TABLE event_type_by_hour AS
SELECT date_trunc('hour', event_time) AS event_hour, event_type, count(*) AS event_count
FROM events
GROUP BY ALL;

CREATE TEMP TABLE session_product_pairs AS
WITH run_starts AS (
  SELECT
    source_hash, source_session, event_time, event_type, product_id,
    CAST(event_time AS DATE) AS event_date,
    CAST(lag(event_time) OVER source_order AS DATE) AS previous_date,
    CASE WHEN event_time - lag(event_time) OVER source_order <= INTERVAL {{TIMEOUT_SECONDS}} SECOND THEN 0 ELSE 1 END AS starts_run
  FROM events
  WINDOW source_order AS (PARTITION BY source_hash, source_session ORDER BY event_time)
),
runs AS (
  SELECT
    *,
    sum(starts_run) OVER running_order AS run_number,
    max(CASE WHEN starts_run = 1 THEN event_date END) OVER running_order AS run_start_date
  FROM run_starts
  WINDOW running_order AS (PARTITION BY source_hash, source_session ORDER BY event_time)
),
session_events AS (
  -- A run is one session for its first {{MAX_SESSION_DAYS}} UTC dates, then one per date.
  SELECT
    *,
    CASE WHEN event_date < run_start_date + {{MAX_SESSION_DAYS}} THEN run_start_date ELSE event_date END AS session_day,
    CASE WHEN starts_run = 1 OR (event_date >= run_start_date + {{MAX_SESSION_DAYS}} AND previous_date < event_date) THEN 1 ELSE 0 END AS starts_session
  FROM runs
)
SELECT
  bool_or(event_type = 'view') AS has_view,
  bool_or(event_type = 'purchase') AS has_purchase,
  count(*) AS events,
  sum(starts_session) AS sessions_started
FROM session_events
GROUP BY source_hash, source_session, run_number, session_day, product_id;

SELECT
  (SELECT sum(sessions_started) FROM session_product_pairs) AS sessions,
  (SELECT sum(events) FROM session_product_pairs) AS session_events,
  (SELECT count(*) FILTER (has_view) FROM session_product_pairs) AS view_sessions,
  (SELECT count(*) FILTER (has_view AND has_purchase) FROM session_product_pairs) AS view_to_purchase_sessions,
  (SELECT sum(event_count) FROM event_type_by_hour) AS hourly_events;

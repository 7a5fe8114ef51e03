-- The floor for the pipeline: the five headline figures (sessions, their events, view and
-- view-to-purchase session × product pairs, hourly events) computed straight from the CSV by the
-- fastest DuckDB script we know how to write, under the same rules as the models: the same validity
-- rules, exact duplicates collapsed, sessions of a source session (user_session, or the user when
-- it is missing) split after more than {{TIMEOUT_SECONDS}} s of inactivity, funnel counts over
-- session × product pairs. It keeps nothing else: no raw copy, ids, lineage or local time.
-- {{FILES}} is replaced by the benchmark with a DuckDB list of CSV paths.
--
-- What makes it fast (each measured against the previous floor, see BENCHMARKS.md):
--  - exact duplicates collapse in one GROUP BY over the nine fields, keeping only the five used;
--  - a 64-bit hash leads the window partition, so the sort compares integers first;
--  - sessions are (source session, split number), never a hex id; the number of sessions is the
--    number of session starts, so no DISTINCT is needed;
--  - the running split uses the default RANGE frame: events tied in time get the same split
--    whatever order the sort left them in;
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
WITH session_starts AS (
  SELECT
    source_hash, source_session, event_time, event_type, product_id,
    CASE WHEN event_time - lag(event_time) OVER (PARTITION BY source_hash, source_session ORDER BY event_time)
      <= INTERVAL {{TIMEOUT_SECONDS}} SECOND THEN 0 ELSE 1 END AS starts_session
  FROM events
),
session_events AS (
  SELECT *, sum(starts_session) OVER (PARTITION BY source_hash, source_session ORDER BY event_time) AS split_number
  FROM session_starts
)
SELECT
  bool_or(event_type = 'view') AS has_view,
  bool_or(event_type = 'purchase') AS has_purchase,
  count(*) AS events,
  sum(starts_session) AS sessions_started
FROM session_events
GROUP BY source_hash, source_session, split_number, product_id;

SELECT
  (SELECT sum(sessions_started) FROM session_product_pairs) AS sessions,
  (SELECT sum(events) FROM session_product_pairs) AS session_events,
  (SELECT count(*) FILTER (has_view) FROM session_product_pairs) AS view_sessions,
  (SELECT count(*) FILTER (has_view AND has_purchase) FROM session_product_pairs) AS view_to_purchase_sessions,
  (SELECT sum(event_count) FROM event_type_by_hour) AS hourly_events;

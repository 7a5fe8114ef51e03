-- The floor for the framework's overhead: the headline marts (sessions, the daily funnel,
-- event_type_by_hour) computed straight from the CSV in one DuckDB script, the way one would write
-- it by hand for speed: naive UTC timestamps, no lineage, no incremental bookkeeping, no assertions.
-- The same rules as the models: the same validity rules, exact duplicates collapsed, sessions split
-- after {{TIMEOUT_SECONDS}} s of inactivity, funnel counts over session × product pairs.
-- {{FILES}} is replaced by the benchmark with a DuckDB list of CSV paths.

CREATE TABLE events AS
SELECT DISTINCT *
FROM read_csv({{FILES}}, header = true, timestampformat = '%Y-%m-%d %H:%M:%S UTC', columns = {
  'event_time': 'TIMESTAMP', 'event_type': 'VARCHAR', 'product_id': 'BIGINT', 'category_id': 'BIGINT',
  'category_code': 'VARCHAR', 'brand': 'VARCHAR', 'price': 'DECIMAL(12, 2)', 'user_id': 'BIGINT', 'user_session': 'VARCHAR'
})
WHERE event_type IN ('view', 'cart', 'remove_from_cart', 'purchase')
  AND event_time IS NOT NULL AND product_id IS NOT NULL AND user_id IS NOT NULL AND price >= 0;

CREATE TABLE event_type_by_hour AS
SELECT date_trunc('hour', event_time) AS event_hour, event_type, count(*) AS event_count
FROM events
GROUP BY ALL;

CREATE TABLE session_events AS
WITH gaps AS (
  SELECT
    *,
    coalesce(nullif(user_session, ''), 'user-' || user_id) AS source_session,
    CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'remove_from_cart' THEN 3 ELSE 4 END AS funnel_rank,
    epoch(event_time) - epoch(lag(event_time) OVER source_order) AS gap_seconds
  FROM events
  WINDOW source_order AS (PARTITION BY coalesce(nullif(user_session, ''), 'user-' || user_id) ORDER BY event_time,
    CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'remove_from_cart' THEN 3 ELSE 4 END)
),
splits AS (
  SELECT
    *,
    sum(CASE WHEN gap_seconds IS NULL OR gap_seconds > {{TIMEOUT_SECONDS}} THEN 1 ELSE 0 END)
      OVER (PARTITION BY source_session ORDER BY event_time, funnel_rank ROWS UNBOUNDED PRECEDING) AS split_number
  FROM gaps
)
SELECT
  md5(source_session || '|' || strftime(min(event_time) OVER session_order, '%Y-%m-%d %H:%M:%S')) AS session_id,
  row_number() OVER session_order AS event_sequence,
  *
FROM splits
WINDOW session_order AS (PARTITION BY source_session, split_number ORDER BY event_time, funnel_rank);

CREATE TABLE sessions AS
SELECT
  session_id,
  min(event_time) AS session_start,
  max(event_time) AS session_end,
  epoch(max(event_time)) - epoch(min(event_time)) AS duration_seconds,
  arg_min(user_id, event_sequence) AS user_id,
  count(*) AS events,
  count(*) FILTER (event_type = 'view') AS views,
  count(*) FILTER (event_type = 'cart') AS carts,
  count(*) FILTER (event_type = 'remove_from_cart') AS removals,
  count(*) FILTER (event_type = 'purchase') AS purchases,
  coalesce(sum(price) FILTER (event_type = 'purchase'), 0) AS revenue,
  count(DISTINCT product_id) AS distinct_products,
  arg_min(split_part(category_code, '.', 1), event_sequence) AS entry_category,
  arg_max(split_part(category_code, '.', 1), event_sequence) AS exit_category,
  arg_min(event_type, event_sequence) AS landing_event_type,
  arg_max(event_type, event_sequence) AS exit_event_type,
  count(*) = 1 AS is_bounce,
  count(*) FILTER (event_type = 'purchase') > 0 AS is_converted
FROM session_events
GROUP BY session_id;

CREATE TABLE funnel_daily AS
WITH pairs AS (
  SELECT
    CAST(min(event_time) OVER (PARTITION BY session_id) AS DATE) AS event_date,
    session_id,
    product_id,
    category_code,
    brand,
    event_type,
    event_sequence
  FROM session_events
),
product_steps AS (
  SELECT
    any_value(event_date) AS event_date,
    nullif(split_part(arg_min(category_code, event_sequence), '.', 1), '') AS category_main,
    nullif(arg_min(brand, event_sequence), '') AS brand,
    bool_or(event_type = 'view') AS has_view,
    bool_or(event_type = 'cart') AS has_cart,
    bool_or(event_type = 'purchase') AS has_purchase
  FROM pairs
  GROUP BY session_id, product_id
)
SELECT
  event_date,
  category_main,
  brand,
  count(*) FILTER (has_view) AS view_sessions,
  count(*) FILTER (has_view AND has_cart) AS view_to_cart_sessions,
  count(*) FILTER (has_cart) AS cart_sessions,
  count(*) FILTER (has_cart AND has_purchase) AS cart_to_purchase_sessions,
  count(*) FILTER (has_view AND has_purchase) AS view_to_purchase_sessions,
  count(*) FILTER (has_view AND has_cart) / nullif(count(*) FILTER (has_view), 0) AS view_to_cart_rate,
  count(*) FILTER (has_cart AND has_purchase) / nullif(count(*) FILTER (has_cart), 0) AS cart_to_purchase_rate,
  count(*) FILTER (has_view AND has_purchase) / nullif(count(*) FILTER (has_view), 0) AS view_to_purchase_rate
FROM product_steps
GROUP BY ALL;

SELECT
  (SELECT count(*) FROM sessions) AS sessions,
  (SELECT sum(events) FROM sessions) AS session_events,
  (SELECT sum(view_sessions) FROM funnel_daily) AS view_sessions,
  (SELECT sum(view_to_purchase_sessions) FROM funnel_daily) AS view_to_purchase_sessions,
  (SELECT sum(event_count) FROM event_type_by_hour) AS hourly_events;

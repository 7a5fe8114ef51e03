/**
 * The DuckDB SQL that reads a REES46 CSV file and decides, row by row, whether its values can be
 * stored typed. The rule is round-tripping: a value is stored typed only when printing the typed
 * value gives back the file's text exactly (so "1.5" is not a product id and "33.205" is not a
 * price); an empty numeric field is stored as NULL, the only value that prints as nothing.
 */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export const TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S UTC";

/** read_csv over one file: every column as text, structural errors stored in `rejectsTable`. */
export function readCsvSql(path: string, fileColumns: string[], rejectsTable: string): string {
  const columns = fileColumns.map((name) => `${sqlString(name)}: 'VARCHAR'`).join(", ");
  return `read_csv(${sqlString(path)},
    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {${columns}},
    force_not_null = [${fileColumns.map(sqlString).join(", ")}],
    strict_mode = true, store_rejects = true,
    rejects_table = ${sqlString(rejectsTable)}, rejects_scan = ${sqlString(`${rejectsTable}_scan`)})`;
}

const ID_COLUMNS = ["product_id", "category_id", "user_id"] as const;

/**
 * `checked`: one row per record read, with the typed values and one `<column>_ok` flag per checked
 * column; with `numbered`, also `record`, its position among the records DuckDB's reader accepted
 * (WITH ORDINALITY slows the read by about a third, still far cheaper than numbering rows afterwards).
 */
export function checkedRowsSql(readCsv: string, numbered = false): string {
  const typedIds = ID_COLUMNS.map((column) => `TRY_CAST(NULLIF(${column}, '') AS BIGINT) AS ${column}_value`).join(",\n      ");
  const idChecks = ID_COLUMNS.map(
    (column) => `(${column} = '' OR COALESCE(CAST(${column}_value AS VARCHAR) = ${column}, false)) AS ${column}_ok`,
  ).join(",\n      ");
  return `parsed AS (
    SELECT * ${numbered ? `, ordinality AS record FROM ${readCsv} WITH ORDINALITY` : `FROM ${readCsv}`}
  ),
  typed AS (
    SELECT *,
      try_strptime(NULLIF(event_time, ''), '${TIMESTAMP_FORMAT}') AS event_time_value,
      ${typedIds},
      TRY_CAST(NULLIF(price, '') AS DECIMAL(18, 2)) AS price_value
    FROM parsed
  ),
  checked AS (
    SELECT *,
      (event_time = '' OR COALESCE(strftime(event_time_value, '${TIMESTAMP_FORMAT}') = event_time, false)) AS event_time_ok,
      ${idChecks},
      (price = '' OR COALESCE(CAST(price_value AS VARCHAR) = price, false)) AS price_ok
    FROM typed
  )`;
}

export const ALL_VALUES_OK = "event_time_ok AND product_id_ok AND category_id_ok AND user_id_ok AND price_ok";

/** The reasons a row's values cannot be stored, most specific first, and the first failing field. */
export const VALUE_PROBLEMS_SQL = `list_filter([
    CASE WHEN NOT event_time_ok THEN 'event_time: "' || event_time || '" is not a UTC time like 2019-10-01 00:00:00 UTC' END,
    ${ID_COLUMNS.map((column) => `CASE WHEN NOT ${column}_ok THEN '${column}: "' || ${column} || '" is not a whole number (64-bit)' END`).join(",\n    ")},
    CASE WHEN NOT price_ok THEN 'price: "' || price || '" is not a number with exactly two decimals' END
  ], reason -> reason IS NOT NULL)`;

export const FIRST_FAILING_FIELD_SQL = `CASE
    WHEN NOT event_time_ok THEN 'event_time'
    ${ID_COLUMNS.map((column) => `WHEN NOT ${column}_ok THEN '${column}'`).join("\n    ")}
    WHEN NOT price_ok THEN 'price'
  END`;

/** The record as CSV text again: exact for files written with minimal quoting, as REES46's are. */
export function recordTextSql(fileColumns: string[]): string {
  const field = (name: string) => {
    const column = quoteIdentifier(name);
    return `CASE WHEN regexp_matches(${column}, '[,"\\r\\n]') THEN '"' || replace(${column}, '"', '""') || '"' ELSE ${column} END`;
  };
  return `concat_ws(',', ${fileColumns.map(field).join(", ")})`;
}

/** The typed event columns of raw.events, in table order, from `checked`. */
export const TYPED_EVENT_COLUMNS_SQL = [
  // The parsed wall clock is UTC: the same instant, without going through ICU's calendars.
  "make_timestamptz(epoch_us(event_time_value))",
  "event_type",
  "product_id_value",
  "category_id_value",
  "category_code",
  "brand",
  "price_value",
  "user_id_value",
  "user_session",
].join(", ");

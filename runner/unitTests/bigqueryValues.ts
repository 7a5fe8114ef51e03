/**
 * DuckDB results as the values `dataform test` compares: the JavaScript types the BigQuery client
 * (@google-cloud/bigquery) gives each BigQuery type. INT64 and FLOAT64 are numbers, NUMERIC is an
 * object, DATE/DATETIME/TIMESTAMP are `{ value }` wrappers, STRUCT is an object, ARRAY an array.
 */
import { DuckDBTypeId, type DuckDBType } from "@duckdb/node-api";

/** Stands in for the client's `Big`: an object whose JSON is its normalised decimal text. */
export class NumericValue {
  readonly value: string;
  constructor(text: string) {
    this.value = text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  }
  toJSON(): string {
    return this.value;
  }
  toString(): string {
    return this.value;
  }
}

/** BigQueryDate, BigQueryDatetime and BigQueryTimestamp are all `{ value: string }`. */
export class WrappedValue {
  constructor(
    readonly kind: "DATE" | "DATETIME" | "TIMESTAMP" | "TIME",
    readonly value: string,
  ) {}
  toJSON(): { value: string } {
    return { value: this.value };
  }
  toString(): string {
    return this.value;
  }
}

export type BigqueryValue = null | boolean | number | string | NumericValue | WrappedValue | BigqueryValue[] | { [key: string]: BigqueryValue };

/** Converts one value of DuckDB's JSON form (`getRowsJson`) of a column of `type`. */
export function toBigqueryValue(json: unknown, type: DuckDBType): BigqueryValue {
  if (json === null || json === undefined) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return Boolean(json);
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return Number(json);
    case DuckDBTypeId.DECIMAL:
      return new NumericValue(String(json));
    case DuckDBTypeId.DATE:
      return new WrappedValue("DATE", String(json));
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return new WrappedValue("DATETIME", String(json).replace(" ", "T"));
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new WrappedValue("TIMESTAMP", new Date(String(json).replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString());
    case DuckDBTypeId.TIME:
      return new WrappedValue("TIME", String(json));
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const valueType = (type as unknown as { valueType: DuckDBType }).valueType;
      return (json as unknown[]).map((item) => toBigqueryValue(item, valueType));
    }
    case DuckDBTypeId.STRUCT: {
      const struct = type as unknown as { entryNames: readonly string[]; entryTypes: readonly DuckDBType[] };
      const object = json as Record<string, unknown>;
      return Object.fromEntries(struct.entryNames.map((name, index) => [name, toBigqueryValue(object[name], struct.entryTypes[index]!)]));
    }
    default:
      return typeof json === "string" ? json : JSON.stringify(json);
  }
}

export interface ResultTable {
  columns: string[];
  rows: Array<Record<string, BigqueryValue>>;
}

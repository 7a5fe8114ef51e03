/**
 * ZetaSQL's type and value messages (zetasql/public/type.proto, value.proto) as plain objects, the
 * shape @grpc/proto-loader gives them with `keepCase`, and the conversions the check needs:
 * BigQuery type names and DuckDB column types to ZetaSQL types, and readable names back.
 */

export type TypeKind =
  | "TYPE_INT64"
  | "TYPE_BOOL"
  | "TYPE_DOUBLE"
  | "TYPE_STRING"
  | "TYPE_BYTES"
  | "TYPE_DATE"
  | "TYPE_TIMESTAMP"
  | "TYPE_DATETIME"
  | "TYPE_TIME"
  | "TYPE_NUMERIC"
  | "TYPE_BIGNUMERIC"
  | "TYPE_JSON"
  | "TYPE_INTERVAL"
  | "TYPE_ARRAY"
  | "TYPE_STRUCT"
  | (string & {});

export interface TypeProto {
  type_kind: TypeKind;
  array_type?: { element_type: TypeProto };
  struct_type?: { field: Array<{ field_name: string; field_type: TypeProto }> };
}

export interface ValueProto {
  int64_value?: string;
  bool_value?: boolean;
  double_value?: number;
  string_value?: string;
  bytes_value?: Buffer;
  date_value?: number;
  timestamp_value?: { seconds: string; nanos?: number };
  datetime_value?: { bit_field_datetime_seconds: string; nanos?: number };
  time_value?: string;
  numeric_value?: Buffer;
  bignumeric_value?: Buffer;
  json_value?: string;
  array_value?: { element: ValueProto[] };
  struct_value?: { field: ValueProto[] };
  /** Which field is set (proto-loader's `oneofs`); absent for NULL. */
  value?: string;
}

export interface Column {
  name: string;
  type: TypeProto;
}

const SCALARS: Record<string, TypeKind> = {
  INT64: "TYPE_INT64",
  INTEGER: "TYPE_INT64",
  BOOL: "TYPE_BOOL",
  BOOLEAN: "TYPE_BOOL",
  FLOAT64: "TYPE_DOUBLE",
  FLOAT: "TYPE_DOUBLE",
  STRING: "TYPE_STRING",
  BYTES: "TYPE_BYTES",
  DATE: "TYPE_DATE",
  TIMESTAMP: "TYPE_TIMESTAMP",
  DATETIME: "TYPE_DATETIME",
  TIME: "TYPE_TIME",
  NUMERIC: "TYPE_NUMERIC",
  DECIMAL: "TYPE_NUMERIC",
  BIGNUMERIC: "TYPE_BIGNUMERIC",
  BIGDECIMAL: "TYPE_BIGNUMERIC",
  JSON: "TYPE_JSON",
  INTERVAL: "TYPE_INTERVAL",
};

export class UnknownTypeError extends Error {
  constructor(readonly typeName: string) {
    super(`no BigQuery type corresponds to ${typeName}`);
    this.name = "UnknownTypeError";
  }
}

export const scalar = (kind: TypeKind): TypeProto => ({ type_kind: kind });
export const arrayOf = (element: TypeProto): TypeProto => ({ type_kind: "TYPE_ARRAY", array_type: { element_type: element } });

/** A BigQuery type as SQL writes it: `INT64`, `ARRAY<DATE>`, `STRUCT<a INT64, b STRING>`, `NUMERIC(10, 2)`. */
export function parseBigqueryType(text: string): TypeProto {
  const source = text.trim();
  const upper = source.toUpperCase();
  if (upper.startsWith("ARRAY<") && upper.endsWith(">")) return arrayOf(parseBigqueryType(source.slice(6, -1)));
  if (upper.startsWith("STRUCT<") && upper.endsWith(">")) {
    return {
      type_kind: "TYPE_STRUCT",
      struct_type: {
        field: splitTopLevel(source.slice(7, -1)).map((field) => {
          const match = /^\s*(`[^`]+`|\w+)\s+([\s\S]+)$/.exec(field);
          if (!match) throw new UnknownTypeError(text);
          return { field_name: match[1]!.replace(/`/g, ""), field_type: parseBigqueryType(match[2]!) };
        }),
      },
    };
  }
  const kind = SCALARS[upper.replace(/\s*\(.*\)$/, "")];
  if (!kind) throw new UnknownTypeError(text);
  return scalar(kind);
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "<" || char === "(") depth++;
    else if (char === ">" || char === ")") depth--;
    else if (char === "," && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((part) => part.trim() !== "");
}

/**
 * The BigQuery type a DuckDB column of the local warehouse stands for (the loaders and the
 * transpile layer map them this way: TIMESTAMPTZ is a TIMESTAMP, a naive TIMESTAMP a DATETIME).
 */
export function typeFromDuckdb(duckdbType: string): TypeProto {
  const upper = duckdbType.trim().toUpperCase();
  if (upper.endsWith("[]")) return arrayOf(typeFromDuckdb(upper.slice(0, -2)));
  if (upper.startsWith("STRUCT(") && upper.endsWith(")")) {
    return {
      type_kind: "TYPE_STRUCT",
      struct_type: {
        field: splitTopLevel(duckdbType.trim().slice(7, -1)).map((field) => {
          const match = /^\s*("[^"]+"|\w+)\s+([\s\S]+)$/.exec(field);
          if (!match) throw new UnknownTypeError(duckdbType);
          return { field_name: match[1]!.replace(/"/g, ""), field_type: typeFromDuckdb(match[2]!) };
        }),
      },
    };
  }
  const base = upper.replace(/\s*\(.*\)$/, "");
  const kinds: Record<string, TypeKind> = {
    BIGINT: "TYPE_INT64",
    INTEGER: "TYPE_INT64",
    SMALLINT: "TYPE_INT64",
    TINYINT: "TYPE_INT64",
    HUGEINT: "TYPE_INT64",
    UBIGINT: "TYPE_INT64",
    UINTEGER: "TYPE_INT64",
    BOOLEAN: "TYPE_BOOL",
    DOUBLE: "TYPE_DOUBLE",
    FLOAT: "TYPE_DOUBLE",
    VARCHAR: "TYPE_STRING",
    BLOB: "TYPE_BYTES",
    DATE: "TYPE_DATE",
    "TIMESTAMP WITH TIME ZONE": "TYPE_TIMESTAMP",
    TIMESTAMPTZ: "TYPE_TIMESTAMP",
    TIMESTAMP: "TYPE_DATETIME",
    TIME: "TYPE_TIME",
    DECIMAL: "TYPE_NUMERIC",
    JSON: "TYPE_JSON",
    INTERVAL: "TYPE_INTERVAL",
  };
  const kind = kinds[base];
  if (!kind) throw new UnknownTypeError(duckdbType);
  return scalar(kind);
}

const NAMES: Record<string, string> = Object.fromEntries(
  Object.entries({ INT64: 0, BOOL: 0, FLOAT64: 0, STRING: 0, BYTES: 0, DATE: 0, TIMESTAMP: 0, DATETIME: 0, TIME: 0, NUMERIC: 0, BIGNUMERIC: 0, JSON: 0, INTERVAL: 0 }).map(
    ([name]) => [SCALARS[name]!, name],
  ),
);

/** `ARRAY<DATE>`, as BigQuery prints types in its messages. */
export function typeName(type: TypeProto): string {
  if (type.type_kind === "TYPE_ARRAY") return `ARRAY<${typeName(type.array_type!.element_type)}>`;
  if (type.type_kind === "TYPE_STRUCT") {
    return `STRUCT<${(type.struct_type?.field ?? []).map((field) => `${field.field_name} ${typeName(field.field_type)}`).join(", ")}>`;
  }
  return NAMES[type.type_kind] ?? type.type_kind.replace(/^TYPE_/, "");
}

/** Implicit coercions BigQuery applies on assignment (DECLARE ... DEFAULT, SET): its supertype rules for scalars. */
const COERCIBLE: Record<string, TypeKind[]> = {
  TYPE_INT64: ["TYPE_NUMERIC", "TYPE_BIGNUMERIC", "TYPE_DOUBLE"],
  TYPE_NUMERIC: ["TYPE_BIGNUMERIC", "TYPE_DOUBLE"],
  TYPE_BIGNUMERIC: ["TYPE_DOUBLE"],
};

export function assignable(from: TypeProto, to: TypeProto): boolean {
  if (from.type_kind === "TYPE_ARRAY" && to.type_kind === "TYPE_ARRAY") {
    return typeName(from.array_type!.element_type) === typeName(to.array_type!.element_type);
  }
  if (typeName(from) === typeName(to)) return true;
  return (COERCIBLE[from.type_kind] ?? []).includes(to.type_kind);
}

/**
 * Values between the DuckDB warehouse and ZetaSQL's reference engine: DuckDB's JSON form of a row
 * to ZetaSQL's ValueProto (to send input tables), and both sides to one canonical form (to
 * compare results value for value). NUMERIC travels as ZetaSQL's own encoding: the value times
 * 10^9 as a little-endian two's-complement integer of as few bytes as it needs.
 */
import type { TypeProto, ValueProto } from "./zetasqlTypes.js";

const NUMERIC_SCALE = 9;
const MICROS_PER_DAY = 86_400_000_000n;

export class UnsupportedValueError extends Error {
  constructor(type: TypeProto) {
    super(`values of ZetaSQL type ${type.type_kind} are not converted (extend zetasqlValues.ts)`);
    this.name = "UnsupportedValueError";
  }
}

/** A decimal text as a BigInt scaled by 10^scale (extra digits are an error: NUMERIC is exact). */
function scaledInteger(text: string, scale: number): bigint {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal number: ${text}`);
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  if (fraction.length > scale) throw new Error(`${text} has more than ${scale} decimal places`);
  const magnitude = BigInt((match[2] || "0") + fraction.padEnd(scale, "0"));
  return match[1] === "-" ? -magnitude : magnitude;
}

function encodeTwosComplement(value: bigint): Buffer {
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(rest & 0xffn);
    bytes.push(byte);
    rest >>= 8n;
    // Done when the remaining bits are all sign bits and the last byte carries the sign.
    if ((rest === 0n && (byte & 0x80) === 0) || (rest === -1n && (byte & 0x80) !== 0)) break;
  }
  return Buffer.from(bytes);
}

function decodeTwosComplement(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let index = bytes.length - 1; index >= 0; index--) value = (value << 8n) | BigInt(bytes[index]!);
  if (bytes.length > 0 && (bytes[bytes.length - 1]! & 0x80) !== 0) value -= 1n << BigInt(8 * bytes.length);
  return value;
}

/** `12.5`, `-0.001`, `3`: the shortest exact decimal text. */
function decimalText(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

function daysSinceEpoch(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

function isoDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Microseconds since the epoch of DuckDB's TIMESTAMPTZ text (`2019-10-01 00:00:00.123456+00`),
 * exact to the microsecond (Date would round to milliseconds).
 */
function epochMicros(text: string): bigint {
  const match = /^(\d{4}-\d\d-\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::?(\d\d))?)?$/.exec(text.trim());
  if (!match) throw new Error(`not a timestamp: ${text}`);
  const days = BigInt(daysSinceEpoch(match[1]!));
  const seconds = BigInt(Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]));
  const micros = BigInt((match[5] ?? "").padEnd(6, "0") || "0");
  const offsetSeconds = match[6] ? (match[6] === "-" ? -1n : 1n) * BigInt(Number(match[7]) * 3600 + Number(match[8] ?? 0) * 60) : 0n;
  return days * MICROS_PER_DAY + (seconds - offsetSeconds) * 1_000_000n + micros;
}

/** A value of DuckDB's JSON row form (`getRowsJson`) as the ValueProto of `type`. */
export function toValueProto(value: unknown, type: TypeProto): ValueProto {
  if (value === null || value === undefined) return {};
  switch (type.type_kind) {
    case "TYPE_INT64":
      return { int64_value: String(value) };
    case "TYPE_BOOL":
      return { bool_value: Boolean(value) };
    case "TYPE_DOUBLE":
      return { double_value: Number(value) };
    case "TYPE_STRING":
      return { string_value: String(value) };
    case "TYPE_NUMERIC":
      return { numeric_value: encodeTwosComplement(scaledInteger(String(value), NUMERIC_SCALE)) };
    case "TYPE_DATE":
      return { date_value: daysSinceEpoch(String(value)) };
    case "TYPE_TIMESTAMP": {
      const micros = epochMicros(String(value));
      const seconds = micros >= 0n ? micros / 1_000_000n : -((-micros + 999_999n) / 1_000_000n);
      return { timestamp_value: { seconds: String(seconds), nanos: Number(micros - seconds * 1_000_000n) * 1000 } };
    }
    case "TYPE_ARRAY":
      return { array_value: { element: (value as unknown[]).map((element) => toValueProto(element, type.array_type!.element_type)) } };
    default:
      throw new UnsupportedValueError(type);
  }
}

/** One cell in a form both engines agree on: text for exact types, a number for FLOAT64. */
export type CanonicalCell = string | number | null | CanonicalCell[];

export function canonicalFromValueProto(value: ValueProto, type: TypeProto): CanonicalCell {
  if (!value.value) return null;
  switch (type.type_kind) {
    case "TYPE_INT64":
      return String(value.int64_value);
    case "TYPE_BOOL":
      return String(value.bool_value);
    case "TYPE_DOUBLE":
      return Number(value.double_value);
    case "TYPE_STRING":
      return value.string_value ?? "";
    case "TYPE_NUMERIC":
      return decimalText(decodeTwosComplement(value.numeric_value ?? Buffer.alloc(0)), NUMERIC_SCALE);
    case "TYPE_DATE":
      return isoDate(Number(value.date_value ?? 0));
    case "TYPE_TIMESTAMP": {
      const timestamp = value.timestamp_value!;
      return String(BigInt(timestamp.seconds) * 1_000_000n + BigInt(Math.trunc((timestamp.nanos ?? 0) / 1000)));
    }
    case "TYPE_ARRAY":
      return (value.array_value?.element ?? []).map((element) => canonicalFromValueProto(element, type.array_type!.element_type));
    default:
      throw new UnsupportedValueError(type);
  }
}

/** DuckDB's JSON form of a value, read as the BigQuery `type` the reference engine gave the column. */
export function canonicalFromDuckdb(value: unknown, type: TypeProto): CanonicalCell {
  if (value === null || value === undefined) return null;
  switch (type.type_kind) {
    case "TYPE_INT64":
      return BigInt(value as string).toString();
    case "TYPE_BOOL":
      return String(Boolean(value));
    case "TYPE_DOUBLE":
      return Number(value);
    case "TYPE_STRING":
      return String(value);
    case "TYPE_NUMERIC":
      return decimalText(scaledInteger(String(value), NUMERIC_SCALE), NUMERIC_SCALE);
    case "TYPE_DATE":
      return String(value);
    case "TYPE_TIMESTAMP":
      return String(epochMicros(String(value)));
    case "TYPE_ARRAY":
      return (value as unknown[]).map((element) => canonicalFromDuckdb(element, type.array_type!.element_type));
    default:
      throw new UnsupportedValueError(type);
  }
}

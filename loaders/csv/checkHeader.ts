/**
 * The header must name the REES46 columns. By default it must match exactly (order included); with
 * `mapByName`, columns may come in any order and extra columns are ignored, so files exported by
 * other tools still load.
 */
import { HeaderMismatchError } from "../errors.js";
import { EXPECTED_COLUMNS } from "./expectedColumns.js";

export interface HeaderLayout {
  /** The file's column names, in file order. */
  fileColumns: string[];
  /** True when the file's columns are exactly the expected ones, in order. */
  exact: boolean;
}

/** Splits a header line; header names never need quoting, but tolerate quotes around them. */
export function splitHeader(line: string): string[] {
  return line.split(",").map((name) => name.trim().replace(/^"(.*)"$/, "$1"));
}

export function checkHeader(file: string, headerLine: string, mapByName: boolean): HeaderLayout {
  const fileColumns = splitHeader(headerLine);
  const exact = fileColumns.length === EXPECTED_COLUMNS.length && fileColumns.every((name, index) => name === EXPECTED_COLUMNS[index]);
  if (exact) return { fileColumns, exact };

  const missing = EXPECTED_COLUMNS.filter((name) => !fileColumns.includes(name));
  const extra = fileColumns.filter((name) => !(EXPECTED_COLUMNS as readonly string[]).includes(name));
  const duplicates = fileColumns.filter((name, index) => fileColumns.indexOf(name) !== index);
  const problems: string[] = [];
  if (missing.length) problems.push(`missing column(s) ${missing.join(", ")}`);
  if (duplicates.length) problems.push(`duplicate column(s) ${duplicates.join(", ")}`);
  if (missing.length || duplicates.length) {
    throw new HeaderMismatchError(file, `${problems.join("; ")}. Expected: ${EXPECTED_COLUMNS.join(",")}`);
  }
  if (!mapByName) {
    const detail = extra.length ? `unexpected column(s) ${extra.join(", ")}` : `columns in a different order (${fileColumns.join(",")})`;
    throw new HeaderMismatchError(
      file,
      `${detail}. Expected: ${EXPECTED_COLUMNS.join(",")}. Pass --map-columns to match columns by name and ignore extra ones.`,
    );
  }
  return { fileColumns, exact: false };
}

/**
 * Lands one CSV file in the embedded warehouse, in one transaction: every data line ends up in
 * raw.events or raw.events_rejected (with its line number, reason and text), the counts are checked
 * against an independent count of the file's lines, and a raw.load_manifest row records the load.
 * Anything wrong rolls the whole file back; a file is identified by its content hash.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { checkHeader } from "../csv/checkHeader.js";
import { scanSourceFile, writeReadableCopy, type ProblemLine, type SourceScan } from "../csv/scanSourceFile.js";
import { AccountingMismatchError, HeaderMismatchError, TooManyRejectsError } from "../errors.js";
import { decideReload, type ManifestEntry, type ReplaceMode } from "../reloadDecision.js";
import { describeMaxRejected, exceedsMaxRejected, type MaxRejected } from "../maxRejected.js";
import { RAW_SCHEMA } from "../rawTables.js";
import {
  ALL_VALUES_OK,
  checkedRowsSql,
  FIRST_FAILING_FIELD_SQL,
  readCsvSql,
  recordTextSql,
  sqlString,
  TYPED_EVENT_COLUMNS_SQL,
  VALUE_PROBLEMS_SQL,
} from "./csvSql.js";

export interface LoadOptions {
  /** What to do with a file whose name or content was loaded before (see reloadDecision.ts). */
  replace: ReplaceMode;
  maxRejected: MaxRejected;
  /** Match columns by header name and ignore extra columns. */
  mapColumns: boolean;
  /** The name recorded in _source_file, when it is not the path (a gs:// URI on the BigQuery target). */
  sourceName?: string;
  /** Progress as a fraction of this file's work, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

export interface FileLoadResult {
  /** The file as recorded in _source_file. */
  file: string;
  status: "loaded" | "replaced" | "skipped";
  /** Why a file was skipped. */
  note?: string;
  loadId?: string;
  sha256: string;
  bytes: number;
  lines: number;
  loaded: number;
  rejected: number;
  /** Rejected lines per reason (reasons shortened to their kind). */
  rejectReasons: Record<string, number>;
  durationMs: number;
}

const RAW = (table: string) => `"${RAW_SCHEMA}"."${table}"`;
const CHECKED_RECORDS = "temp.main.load_checked_records";

/** The path as stored in _source_file: relative to the working directory when inside it. */
export function sourceFileName(path: string): string {
  const absolute = resolve(path);
  const fromHere = relative(process.cwd(), absolute);
  const name = fromHere.startsWith("..") || fromHere === "" ? absolute : fromHere;
  return name.split(sep).join("/");
}

function newLoadId(sha256: string): string {
  return `${new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${sha256.slice(0, 12)}`;
}

/**
 * Lines that did not load are holes in the numbering of the lines that did. For each hole (in
 * line order): how many loaded lines come before it, and how many holes up to it.
 */
async function createLineHoles(connection: DuckDBConnection, linesQuery: string): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE load_holes AS
    SELECT line - 1 - row_number() OVER (ORDER BY line) AS accepted_before, row_number() OVER (ORDER BY line) AS holes
    FROM (${linesQuery})`);
}

/** The line of the k-th accepted record is k + 1 (the header) + the holes before it. */
const SHIFT_PAST_HOLES = (k: string) => `COALESCE((SELECT max(holes) FROM load_holes WHERE accepted_before < ${k}), 0)`;

/** Runs a statement and reports DuckDB's progress on it while it runs. */
async function runWithProgress(connection: DuckDBConnection, sql: string, onProgress?: (fraction: number) => void): Promise<number> {
  const timer = onProgress
    ? setInterval(() => {
        const percentage = connection.progress.percentage;
        if (percentage >= 0) onProgress(percentage / 100);
      }, 200)
    : undefined;
  try {
    return Number((await connection.run(sql)).rowsChanged);
  } finally {
    if (timer) clearInterval(timer);
  }
}

/** Quarantines the records DuckDB's reader refused (wrong column count, bad quoting, ...). */
async function quarantineReaderRejects(
  connection: DuckDBConnection,
  rejectsTable: string,
  file: string,
  loadId: string,
  problems: ProblemLine[],
): Promise<number> {
  const inserted = await connection.run(`
    INSERT INTO ${RAW("events_rejected")}
    SELECT ${sqlString(file)}, line, ${sqlString(loadId)}, now(),
           first(CASE WHEN error_type NOT IN ('MISSING COLUMNS', 'TOO MANY COLUMNS') THEN column_name END ORDER BY column_idx),
           first(lower(error_type) || ': ' || error_message ORDER BY column_idx),
           regexp_replace(first(csv_line), '\r?\n$', '')
    FROM ${rejectsTable} GROUP BY line`);
  // Problem lines (blank, invalid UTF-8) reached DuckDB as placeholders: give back their real story.
  for (const problem of problems) {
    await connection.run(
      `UPDATE ${RAW("events_rejected")} SET field = NULL, reason = $1, raw_text = $2 WHERE _load_id = $3 AND _source_line = $4`,
      [problem.reason, problem.rawText, loadId, problem.line],
    );
  }
  return Number(inserted.rowsChanged);
}

/** "price: \"x\" is not ..." → "price"; "missing columns: ..." → "missing columns". */
function reasonKind(reason: string): string {
  return reason.split(/[:;(]/)[0]!.trim();
}

export async function loadFileToDuckdb(connection: DuckDBConnection, path: string, options: LoadOptions): Promise<FileLoadResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const file = options.sourceName ?? sourceFileName(path);
  const size = Math.max(1, statSync(path).size);
  let scannedBytes = 0;
  // Progress: the scan is about a third of the work, DuckDB's read the rest.
  const scan: SourceScan = await scanSourceFile(path, (bytes) => {
    scannedBytes += bytes;
    options.onProgress?.((0.3 * scannedBytes) / size);
  });
  options.onProgress?.(0.3);
  if (scan.headerProblem) throw new HeaderMismatchError(file, scan.headerProblem);
  const layout = checkHeader(file, scan.headerLine, options.mapColumns);
  const base = { file, sha256: scan.sha256, bytes: scan.bytes, lines: scan.lines, rejectReasons: {} };

  const previous = (
    await connection.runAndReadAll(
      `SELECT load_id, source_file, content_sha256 FROM ${RAW("load_manifest")} WHERE content_sha256 = $1 OR source_file = $2`,
      [scan.sha256, file],
    )
  ).getRowObjectsJS() as unknown as ManifestEntry[];
  const decision = decideReload(previous, file, scan.sha256, options.replace);
  if (decision.action === "skip") {
    return { ...base, status: "skipped", note: decision.note, loaded: 0, rejected: 0, durationMs: performance.now() - started };
  }
  const replacing = decision.replacing;

  // DuckDB must not see blank lines (skipped silently), invalid UTF-8 (unreadable), malformed quoting
  // or mixed line endings (it resynchronises, or fails, where it likes): it reads a cleaned copy.
  const workDir = scan.needsReadableCopy ? mkdtempSync(join(tmpdir(), "clickstream-load-")) : undefined;
  const readablePath = workDir ? join(workDir, "readable.csv") : path;
  const loadId = newLoadId(scan.sha256);
  const rejectsTable = `rejects_${loadId.replace(/\W/g, "_")}`;
  try {
    if (workDir) await writeReadableCopy(path, scan.problemLines, readablePath);
    // The records DuckDB's reader accepted, typed and checked, in file order: with insertion order
    // preserved, a new table's rowid is the record's position, so record k (rowid k - 1) is line
    // k + 1 (after the header) unless the reader refused lines before it, which shifts it further
    // down. Made before the transaction, whose own new rows are numbered from 2^55. WITH ORDINALITY
    // numbers records too, but it makes the whole insert single-threaded (BENCHMARKS.md: a
    // 1.5 M-line file loaded in 5.7 s that way, 4.1 s this way).
    await connection.run("SET preserve_insertion_order = true");
    const checked = checkedRowsSql(readCsvSql(readablePath, layout.fileColumns, rejectsTable));
    await runWithProgress(
      connection,
      `CREATE OR REPLACE TEMP TABLE ${CHECKED_RECORDS} AS WITH ${checked}
       SELECT ${TYPED_EVENT_COLUMNS_SQL}, ${ALL_VALUES_OK} AS values_ok FROM checked`,
      (fraction) => options.onProgress?.(0.3 + 0.4 * fraction),
    );
    await connection.run("BEGIN TRANSACTION");
    if (replacing) {
      for (const table of ["events", "events_rejected"]) {
        await connection.run(`DELETE FROM ${RAW(table)} WHERE _source_file = $1`, [file]);
      }
      await connection.run(`DELETE FROM ${RAW("load_manifest")} WHERE source_file = $1 OR content_sha256 = $2`, [file, scan.sha256]);
    }
    const loaded = await runWithProgress(
      connection,
      `INSERT INTO ${RAW("events")}
       SELECT * EXCLUDE (values_ok), ${sqlString(file)}, rowid + 2, ${sqlString(loadId)}, now() FROM ${CHECKED_RECORDS} WHERE values_ok`,
      (fraction) => options.onProgress?.(0.7 + 0.2 * fraction),
    );
    const readerRejected = await quarantineReaderRejects(connection, rejectsTable, file, loadId, scan.problemLines);
    if (readerRejected > 0) {
      await createLineHoles(connection, `SELECT DISTINCT line FROM ${rejectsTable}`);
      await connection.run(
        `UPDATE ${RAW("events")} SET _source_line = _source_line + ${SHIFT_PAST_HOLES("_source_line - 1")} WHERE _load_id = $1`,
        [loadId],
      );
    }

    let valueRejected = 0;
    if (loaded + readerRejected < scan.lines) {
      // Some rows parsed but hold values that cannot be stored typed: a second pass quarantines them.
      // Its `record` counts the records DuckDB's reader accepted, so shift past the ones it refused.
      await createLineHoles(connection, `SELECT DISTINCT line FROM ${rejectsTable}`);
      const secondScan = checkedRowsSql(readCsvSql(readablePath, layout.fileColumns, `${rejectsTable}_again`), true);
      valueRejected = await runWithProgress(
        connection,
        `INSERT INTO ${RAW("events_rejected")} WITH ${secondScan}
         SELECT ${sqlString(file)}, record + 1 + ${SHIFT_PAST_HOLES("record")}, ${sqlString(loadId)}, now(),
                ${FIRST_FAILING_FIELD_SQL}, array_to_string(${VALUE_PROBLEMS_SQL}, '; '), ${recordTextSql(layout.fileColumns)}
         FROM checked WHERE NOT (${ALL_VALUES_OK})`,
      );
    }
    const rejected = readerRejected + valueRejected;
    if (loaded + rejected !== scan.lines) throw new AccountingMismatchError(file, scan.lines, loaded, rejected);

    const reasonRows = (
      await connection.runAndReadAll(`SELECT reason FROM ${RAW("events_rejected")} WHERE _load_id = $1`, [loadId])
    ).getRowObjectsJS() as Array<{ reason: string }>;
    const rejectReasons: Record<string, number> = {};
    for (const { reason } of reasonRows) rejectReasons[reasonKind(reason)] = (rejectReasons[reasonKind(reason)] ?? 0) + 1;
    if (exceedsMaxRejected(rejected, scan.lines, options.maxRejected)) {
      const top = Object.entries(rejectReasons)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([reason, count]) => `${reason} (${count})`);
      throw new TooManyRejectsError(file, rejected, scan.lines, describeMaxRejected(options.maxRejected), top);
    }
    await connection.run(`INSERT INTO ${RAW("load_manifest")} VALUES ($1, $2, $3, $4, $5, $6, $7, $8::TIMESTAMPTZ, $9::TIMESTAMPTZ)`, [
      loadId,
      file,
      scan.sha256,
      scan.bytes,
      scan.lines,
      loaded,
      rejected,
      startedAt,
      new Date().toISOString(),
    ]);
    await connection.run("COMMIT");
    options.onProgress?.(1);
    return {
      ...base,
      status: replacing ? "replaced" : "loaded",
      loadId,
      loaded,
      rejected,
      rejectReasons,
      durationMs: performance.now() - started,
    };
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${CHECKED_RECORDS}; DROP TABLE IF EXISTS ${rejectsTable}; DROP TABLE IF EXISTS ${rejectsTable}_scan;
      DROP TABLE IF EXISTS ${rejectsTable}_again; DROP TABLE IF EXISTS ${rejectsTable}_again_scan`).catch(() => undefined);
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
}

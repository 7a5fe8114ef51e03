/**
 * One streaming pass over a source file before DuckDB reads it: the SHA-256 of its bytes (its
 * identity), its size, its header, and an independent count of its lines (CSV records: a quoted
 * field may hold a newline) to reconcile the load against. It also finds the lines DuckDB cannot be
 * trusted with: blank lines (which it skips silently) and invalid UTF-8 (which it cannot read).
 * A truncated .gz fails here, before anything is loaded.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { isUtf8 } from "node:buffer";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import { createGunzip } from "node:zlib";
import { CorruptFileError, EmptyFileError } from "../errors.js";

export interface ProblemLine {
  /** 1-based line (record) number; the header is line 1. */
  line: number;
  reason: string;
  /** The line's text; invalid bytes shown as U+FFFD. */
  rawText: string;
}

export interface SourceScan {
  /** Size of the file as stored (compressed, for .gz). */
  bytes: number;
  sha256: string;
  /** The header line, without a UTF-8 byte order mark or line ending. */
  headerLine: string;
  /** Data lines (records after the header), blank and invalid ones included. */
  lines: number;
  /** Lines DuckDB must not see: they are quarantined with these reasons. */
  problemLines: ProblemLine[];
  /** What is wrong with the header record's syntax, if anything (a CR-only file is one such record). */
  headerProblem?: string;
  /**
   * DuckDB must read a copy: the file has problem lines, or mixes line endings (DuckDB's reader
   * takes one line ending for the whole file and fails on the others).
   */
  needsReadableCopy: boolean;
}

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const CRLF = Buffer.from("\r\n");
const COMMA_BYTE = Buffer.from(",");
const decoder = new TextDecoder("utf-8");

function countOf(chunk: Buffer, needle: Buffer): number {
  let count = 0;
  for (let position = chunk.indexOf(needle); position !== -1; position = chunk.indexOf(needle, position + needle.length)) count++;
  return count;
}

export function isGzip(path: string): boolean {
  return path.toLowerCase().endsWith(".gz");
}

/**
 * How a record ended: LF, CRLF, a carriage return at the very end of the file, or nothing (the last
 * line of a file without a final newline).
 */
type LineEnding = "lf" | "crlf" | "cr" | "none";

/** Where the CSV state machine is inside a record (RFC 4180, as DuckDB's strict reader reads it). */
const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the first of a doubled quote or the closing one. */
  AfterQuote,
  /** The record is malformed: quotes no longer count, the next line feed ends it. */
  Broken,
}

/**
 * Splits bytes into CSV records as DuckDB's strict reader does: a quote opens a quoted field only at
 * the start of a field (elsewhere it is a plain character), and a line feed inside a quoted field
 * does not end the record. Records DuckDB's reader must not see get a syntax problem (text after a
 * closing quote, a carriage return that does not end a line): DuckDB would resynchronise on them at
 * a place of its own choosing, so they are quarantined here and DuckDB reads a stand-in.
 * Clean chunks (valid UTF-8, no quotes, no blank lines, carriage returns only in CRLF) are only
 * counted; the others are walked byte by byte and every finished record (the header, record 0,
 * included) is handed to `onRecord`.
 */
class RecordSplitter {
  /** Records finished so far; the header is record 0. */
  record = 0;
  header: Buffer | undefined;
  /** Records (the header included) per line ending. */
  readonly endings: Record<LineEnding, number> = { lf: 0, crlf: 0, cr: 0, none: 0 };
  private state = State.FieldStart;
  private field = 1;
  private syntaxProblem: string | undefined;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private pendingHasContent = false;
  private pendingClean = true;
  private carry: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onRecord: (record: number, bytes: Buffer, syntaxProblem: string | undefined) => void,
    private readonly options: { everyRecord: boolean; maxKeptBytes: number },
  ) {}

  push(rawChunk: Buffer): void {
    const chunk = this.holdBack(rawChunk);
    if (chunk.length === 0) return;
    const clean =
      !this.options.everyRecord &&
      this.record > 0 &&
      (this.state === State.FieldStart || this.state === State.Unquoted) &&
      this.pendingClean &&
      chunk.indexOf(QUOTE) === -1 &&
      !this.hasBlankLine(chunk) &&
      this.carriageReturnsOnlyInCrlf(chunk) &&
      isUtf8(chunk);
    if (clean) this.count(chunk);
    else this.walk(chunk);
  }

  end(): void {
    // A final carriage return is always held back, so it is the last byte of `carry`.
    const endsInCarriageReturn = this.carry[this.carry.length - 1] === CARRIAGE_RETURN;
    if (this.carry.length) this.walk(this.carry, true);
    this.carry = Buffer.alloc(0);
    if (this.pendingHasContent) this.finishRecord(endsInCarriageReturn ? "cr" : "none");
  }

  /**
   * Holds back an incomplete multi-byte character, so UTF-8 checks never split one, and a final
   * carriage return, so a CRLF split across chunks is still seen whole.
   */
  private holdBack(chunk: Buffer): Buffer {
    const joined = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let cut = joined.length;
    if (cut > 0 && joined[cut - 1] === CARRIAGE_RETURN) cut--;
    for (let back = 1; back <= 3 && back <= cut; back++) {
      const byte = joined[cut - back]!;
      if ((byte & 0xc0) === 0x80) continue;
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (length > back) cut -= back;
      break;
    }
    this.carry = joined.subarray(cut);
    return joined.subarray(0, cut);
  }

  private hasBlankLine(chunk: Buffer): boolean {
    const startsEmpty = !this.pendingHasContent && (chunk[0] === NEWLINE || (chunk[0] === CARRIAGE_RETURN && chunk[1] === NEWLINE));
    return startsEmpty || chunk.indexOf("\n\n") !== -1 || chunk.indexOf("\n\r\n") !== -1;
  }

  private carriageReturnsOnlyInCrlf(chunk: Buffer): boolean {
    let returns = 0;
    for (let position = chunk.indexOf(CARRIAGE_RETURN); position !== -1; position = chunk.indexOf(CARRIAGE_RETURN, position + 1)) {
      if (chunk[position + 1] !== NEWLINE) return false;
      returns++;
    }
    return returns === 0 || returns === countOf(chunk, CRLF);
  }

  private count(chunk: Buffer): void {
    let last = -1;
    let newlines = 0;
    for (let position = chunk.indexOf(NEWLINE); position !== -1; position = chunk.indexOf(NEWLINE, position + 1)) {
      newlines++;
      last = position;
    }
    if (newlines > 0) {
      const crlf = chunk.indexOf(CARRIAGE_RETURN) === -1 ? 0 : countOf(chunk, CRLF);
      this.record += newlines;
      this.endings.crlf += crlf;
      this.endings.lf += newlines - crlf;
      this.pendingHasContent = last < chunk.length - 1;
      this.field = 1 + countOf(chunk.subarray(last + 1), COMMA_BYTE);
    } else {
      this.pendingHasContent = true;
      this.field += countOf(chunk, COMMA_BYTE);
    }
    const lastByte = chunk[chunk.length - 1];
    this.state = lastByte === NEWLINE || lastByte === COMMA ? State.FieldStart : State.Unquoted;
  }

  private walk(chunk: Buffer, atEnd = false): void {
    let start = 0;
    for (let position = 0; position < chunk.length; position++) {
      const byte = chunk[position]!;
      switch (this.state) {
        case State.Quoted:
          if (byte === QUOTE) this.state = State.AfterQuote;
          continue;
        case State.FieldStart:
          if (byte === QUOTE) {
            this.state = State.Quoted;
            continue;
          }
          break;
        case State.AfterQuote:
          if (byte === QUOTE) {
            this.state = State.Quoted;
            continue;
          }
          if (byte !== COMMA && byte !== NEWLINE && byte !== CARRIAGE_RETURN) {
            this.syntaxProblem ??= `field ${this.field}: text after the closing quote (a quote inside a quoted field must be doubled)`;
            this.state = State.Broken;
            continue;
          }
          break;
      }
      if (byte === COMMA) {
        if (this.state !== State.Broken) this.state = State.FieldStart;
        this.field++;
      } else if (byte === NEWLINE) {
        const crlf = position > start && chunk[position - 1] === CARRIAGE_RETURN;
        this.keep(chunk.subarray(start, position));
        this.finishRecord(crlf ? "crlf" : "lf");
        start = position + 1;
      } else if (byte === CARRIAGE_RETURN) {
        const endsLine = position + 1 < chunk.length ? chunk[position + 1] === NEWLINE : atEnd;
        if (!endsLine) {
          this.syntaxProblem ??= `field ${this.field}: a carriage return (CR) that does not end the line (lines must end in LF or CRLF)`;
          this.state = State.Broken;
        }
      } else if (this.state === State.FieldStart) this.state = State.Unquoted;
    }
    this.keep(chunk.subarray(start));
    this.pendingClean = isUtf8(Buffer.concat(this.pending));
  }

  private keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.pendingHasContent = true;
    if (this.pendingLength < this.options.maxKeptBytes) {
      this.pending.push(bytes);
      this.pendingLength += bytes.length;
    }
  }

  private finishRecord(ending: LineEnding): void {
    const bytes = Buffer.concat(this.pending);
    if (this.record === 0) this.header = bytes;
    this.endings[ending]++;
    this.onRecord(this.record, bytes, this.syntaxProblem);
    this.record++;
    this.pending = [];
    this.pendingLength = 0;
    this.pendingHasContent = false;
    this.pendingClean = true;
    this.state = State.FieldStart;
    this.field = 1;
    this.syntaxProblem = undefined;
  }
}

function withoutLineEnding(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.subarray(0, bytes.length - 1) : bytes;
}

function problemOf(record: number, bytes: Buffer, syntaxProblem: string | undefined): ProblemLine | undefined {
  const content = withoutLineEnding(bytes);
  if (content.length === 0) return { line: record + 1, reason: "blank line", rawText: "" };
  if (!isUtf8(content)) {
    const text = decoder.decode(content);
    return { line: record + 1, reason: `invalid UTF-8 (byte ${text.indexOf("\uFFFD") + 1} of the line)`, rawText: text };
  }
  if (syntaxProblem) return { line: record + 1, reason: syntaxProblem, rawText: decoder.decode(content) };
  return undefined;
}

async function streamRecords(
  path: string,
  splitter: RecordSplitter,
  onStoredChunk?: (chunk: Buffer) => void,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onStoredChunk) source.on("data", (chunk) => onStoredChunk(chunk as Buffer));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      splitter.push(chunk);
      if (afterChunk) afterChunk().then(() => callback(), callback);
      else callback();
    },
  });
  try {
    await (isGzip(path) ? pipeline(source, createGunzip(), sink) : pipeline(source, sink));
  } catch (error) {
    throw new CorruptFileError(path, (error as Error).message);
  }
}

export async function scanSourceFile(path: string, onStoredBytes?: (bytes: number) => void): Promise<SourceScan> {
  const hash = createHash("sha256");
  let bytes = 0;
  const problemLines: ProblemLine[] = [];
  let headerProblem: string | undefined;
  const splitter = new RecordSplitter(
    (record, content, syntaxProblem) => {
      if (record === 0) headerProblem = syntaxProblem;
      const problem = record > 0 ? problemOf(record, content, syntaxProblem) : undefined;
      if (problem) problemLines.push(problem);
    },
    { everyRecord: false, maxKeptBytes: 64 * 1024 },
  );
  await streamRecords(path, splitter, (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
    onStoredBytes?.(chunk.length);
  });
  splitter.end();
  if (bytes === 0 || splitter.header === undefined) throw new EmptyFileError(path);
  const headerLine = decoder.decode(withoutLineEnding(splitter.header)).replace(/^\uFEFF/, "");
  const { lf, crlf, cr } = splitter.endings;
  return {
    bytes,
    sha256: hash.digest("hex"),
    headerLine,
    lines: Math.max(0, splitter.record - 1),
    problemLines,
    headerProblem,
    needsReadableCopy: problemLines.length > 0 || cr > 0 || (lf > 0 && crlf > 0),
  };
}

/** A line DuckDB rejects (too few columns) at the same position, standing in for a problem line. */
const PLACEHOLDER = Buffer.from("\u0001\n", "latin1");

/**
 * Writes a copy DuckDB can read: LF line endings, and each problem line replaced by a placeholder
 * that DuckDB rejects at the same line number. Used only for files that need it (see SourceScan).
 */
export async function writeReadableCopy(path: string, problems: ProblemLine[], destination: string): Promise<void> {
  const problemLines = new Set(problems.map((problem) => problem.line));
  const output = createWriteStream(destination);
  const splitter = new RecordSplitter(
    (record, content) => {
      output.write(problemLines.has(record + 1) ? PLACEHOLDER : Buffer.concat([withoutLineEnding(content), Buffer.from("\n")]));
    },
    { everyRecord: true, maxKeptBytes: Number.POSITIVE_INFINITY },
  );
  // Waits for the copy to drain after each chunk, so a large file is not held in memory.
  const drained = () => (output.writableNeedDrain ? new Promise<void>((resolve) => output.once("drain", () => resolve())) : Promise.resolve());
  await streamRecords(path, splitter, undefined, drained);
  splitter.end();
  await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

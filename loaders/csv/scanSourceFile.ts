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
}

const QUOTE = 34;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const decoder = new TextDecoder("utf-8");

export function isGzip(path: string): boolean {
  return path.toLowerCase().endsWith(".gz");
}

/**
 * Splits bytes into CSV records: a newline inside double quotes does not end a record. Clean chunks
 * (valid UTF-8, no quotes, no blank lines) are only counted; the others are walked byte by byte and
 * every finished record (the header, record 0, included) is handed to `onRecord`.
 */
class RecordSplitter {
  /** Records finished so far; the header is record 0. */
  record = 0;
  inQuote = false;
  header: Buffer | undefined;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private pendingHasContent = false;
  private pendingClean = true;
  private carry: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onRecord: (record: number, bytes: Buffer) => void,
    private readonly options: { everyRecord: boolean; maxKeptBytes: number },
  ) {}

  push(rawChunk: Buffer): void {
    const chunk = this.alignToCharacter(rawChunk);
    const clean =
      !this.options.everyRecord &&
      this.record > 0 &&
      !this.inQuote &&
      this.pendingClean &&
      chunk.indexOf(QUOTE) === -1 &&
      !this.hasBlankLine(chunk) &&
      isUtf8(chunk);
    if (clean) this.count(chunk);
    else this.walk(chunk);
  }

  end(): void {
    if (this.carry.length) this.walk(this.carry);
    this.carry = Buffer.alloc(0);
    if (this.pendingHasContent) this.finishRecord();
  }

  /** Holds back an incomplete multi-byte character so UTF-8 checks never split one. */
  private alignToCharacter(chunk: Buffer): Buffer {
    const joined = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let cut = joined.length;
    for (let back = 1; back <= 3 && back <= joined.length; back++) {
      const byte = joined[joined.length - back]!;
      if ((byte & 0xc0) === 0x80) continue;
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (length > back) cut = joined.length - back;
      break;
    }
    this.carry = joined.subarray(cut);
    return joined.subarray(0, cut);
  }

  private hasBlankLine(chunk: Buffer): boolean {
    const startsEmpty = !this.pendingHasContent && (chunk[0] === NEWLINE || (chunk[0] === CARRIAGE_RETURN && chunk[1] === NEWLINE));
    return startsEmpty || chunk.indexOf("\n\n") !== -1 || chunk.indexOf("\n\r\n") !== -1;
  }

  private count(chunk: Buffer): void {
    let last = -1;
    for (let position = chunk.indexOf(NEWLINE); position !== -1; position = chunk.indexOf(NEWLINE, position + 1)) {
      this.record++;
      last = position;
    }
    if (last !== -1) this.pendingHasContent = last < chunk.length - 1;
    else if (chunk.length > 0) this.pendingHasContent = true;
  }

  private walk(chunk: Buffer): void {
    let start = 0;
    for (let position = 0; position < chunk.length; position++) {
      const byte = chunk[position]!;
      if (byte === QUOTE) this.inQuote = !this.inQuote;
      else if (byte === NEWLINE && !this.inQuote) {
        this.keep(chunk.subarray(start, position));
        this.finishRecord();
        start = position + 1;
      }
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

  private finishRecord(): void {
    const bytes = Buffer.concat(this.pending);
    if (this.record === 0) this.header = bytes;
    this.onRecord(this.record, bytes);
    this.record++;
    this.pending = [];
    this.pendingLength = 0;
    this.pendingHasContent = false;
    this.pendingClean = true;
  }
}

function withoutLineEnding(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.subarray(0, bytes.length - 1) : bytes;
}

function problemOf(record: number, bytes: Buffer): ProblemLine | undefined {
  const content = withoutLineEnding(bytes);
  if (content.length === 0) return { line: record + 1, reason: "blank line", rawText: "" };
  if (!isUtf8(content)) {
    const text = decoder.decode(content);
    return { line: record + 1, reason: `invalid UTF-8 (byte ${text.indexOf("\uFFFD") + 1} of the line)`, rawText: text };
  }
  return undefined;
}

async function streamRecords(path: string, splitter: RecordSplitter, onStoredChunk?: (chunk: Buffer) => void): Promise<void> {
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onStoredChunk) source.on("data", (chunk) => onStoredChunk(chunk as Buffer));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      splitter.push(chunk);
      callback();
    },
  });
  try {
    await (isGzip(path) ? pipeline(source, createGunzip(), sink) : pipeline(source, sink));
  } catch (error) {
    throw new CorruptFileError(path, (error as Error).message);
  }
  splitter.end();
}

export async function scanSourceFile(path: string, onStoredBytes?: (bytes: number) => void): Promise<SourceScan> {
  const hash = createHash("sha256");
  let bytes = 0;
  const problemLines: ProblemLine[] = [];
  const splitter = new RecordSplitter(
    (record, content) => {
      const problem = record > 0 ? problemOf(record, content) : undefined;
      if (problem) problemLines.push(problem);
    },
    { everyRecord: false, maxKeptBytes: 64 * 1024 },
  );
  await streamRecords(path, splitter, (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
    onStoredBytes?.(chunk.length);
  });
  if (bytes === 0 || splitter.header === undefined) throw new EmptyFileError(path);
  const headerLine = decoder.decode(withoutLineEnding(splitter.header)).replace(/^\uFEFF/, "");
  return { bytes, sha256: hash.digest("hex"), headerLine, lines: Math.max(0, splitter.record - 1), problemLines };
}

/** A line DuckDB rejects (too few columns) at the same position, standing in for a problem line. */
const PLACEHOLDER = Buffer.from("\u0001\n", "latin1");

/**
 * Writes a copy DuckDB can read: LF line endings, and each problem line replaced by a placeholder
 * that DuckDB rejects at the same line number. Used only for files that have problem lines.
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
  await streamRecords(path, splitter);
  await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

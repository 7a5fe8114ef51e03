/**
 * `clickstream generate`: realistic REES46-format CSV, deterministic for a seed. Days are simulated
 * one after another; a day's file holds its own events, the events of sessions that crossed the
 * previous midnight, and, at its end, the previous day's late arrivals.
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { buildCatalog } from "./catalog.js";
import { CROSSED_MIDNIGHT, EVENT_TYPES, LATE, SESSION_BYTES, simulateDay, TODAY, userIdOf, type DayEvents } from "./simulateDay.js";

export const CSV_HEADER = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

export interface GenerateOptions {
  events: number;
  days: number;
  /** First day, YYYY-MM-DD (UTC). */
  start: string;
  seed: number;
  outDir: string;
  /** One file per day (with late arrivals in the next day's file), or one file. */
  split: "day" | "none";
  gzip: boolean;
  duplicateShare?: number;
  lateShare?: number;
  onProgress?: (rowsWritten: number, totalRows: number) => void;
}

export interface GeneratedFile {
  path: string;
  rows: number;
}

export class InvalidGenerateOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidGenerateOptionsError";
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Rows per day: weekends are busier; the total is exactly `events`. */
export function dailyBudgets(events: number, start: string, days: number): number[] {
  const weights = Array.from({ length: days }, (_, day) => {
    const weekday = new Date(`${addDays(start, day)}T00:00:00Z`).getUTCDay();
    return weekday === 0 || weekday === 6 ? 1.15 : 1;
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const budgets = weights.map((weight) => Math.floor((events * weight) / total));
  let remainder = events - budgets.reduce((sum, budget) => sum + budget, 0);
  for (let day = 0; remainder > 0; day = (day + 1) % days, remainder--) budgets[day]!++;
  return budgets;
}

function validate(options: GenerateOptions): void {
  if (!Number.isInteger(options.events) || options.events < 1) throw new InvalidGenerateOptionsError("--events must be a positive whole number");
  if (!Number.isInteger(options.days) || options.days < 1) throw new InvalidGenerateOptionsError("--days must be a positive whole number");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.start) || Number.isNaN(Date.parse(`${options.start}T00:00:00Z`))) {
    throw new InvalidGenerateOptionsError(`--start must be a date like 2019-10-01, got "${options.start}"`);
  }
}

const pad2 = (value: number) => (value < 10 ? `0${value}` : String(value));
/** "HH:MM:SS" for every second of a day, computed once. */
const TIME_OF_DAY = Array.from({ length: 86400 }, (_, second) => `${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}`);

/** Events picked from one or more simulated days, in the order they go into a file. */
interface Selection {
  days: DayEvents[];
  from: Uint16Array | number[];
  index: Int32Array | number[];
}

/** Picks events by destination and orders them by time (a counting sort: stable, linear). */
function selectSorted(sources: Array<{ events: DayEvents; destination: number }>, firstSecond: number, spanSeconds: number): Selection {
  const counts = new Int32Array(spanSeconds + 1);
  let total = 0;
  for (const { events, destination } of sources) {
    for (let i = 0; i < events.length; i++) {
      if (events.destination[i] !== destination) continue;
      counts[events.second[i]! - firstSecond + 1]!++;
      total++;
    }
  }
  for (let second = 1; second <= spanSeconds; second++) counts[second]! += counts[second - 1]!;
  const from = new Uint16Array(total);
  const index = new Int32Array(total);
  sources.forEach(({ events, destination }, sourceIndex) => {
    for (let i = 0; i < events.length; i++) {
      if (events.destination[i] !== destination) continue;
      const slot = counts[events.second[i]! - firstSecond]!++;
      from[slot] = sourceIndex;
      index[slot] = i;
    }
  });
  return { days: sources.map((source) => source.events), from, index };
}

function selectInOrder(events: DayEvents, destination: number): Selection {
  const index: number[] = [];
  for (let i = 0; i < events.length; i++) if (events.destination[i] === destination) index.push(i);
  return { days: [events], from: index.map(() => 0), index };
}

/** The repeated pieces of a CSV line, encoded once. */
interface CsvText {
  dates: string[];
  types: Buffer[];
  /** "product_id,category_id,category_code,brand,price," for every product, back to back. */
  products: Buffer;
  /** Where each product's text starts in `products` (one extra entry marks the end). */
  productOffsets: Int32Array;
  /** "user_id," for every user, USER_BYTES each. */
  users: Buffer;
}

const USER_BYTES = "512000031,".length;

const CHUNK_BYTES = 1 << 20;
const PREFIX_BYTES = "2019-10-01 00:00:00 UTC,".length;

/**
 * Writes the selected events as CSV. Every repeated piece of a line (time, type, product, user,
 * session) is encoded once and copied into the output buffer: string building would dominate.
 */
async function writeCsv(path: string, parts: Selection[], text: CsvText, gzip: boolean): Promise<number> {
  let rows = 0;
  // "YYYY-MM-DD HH:MM:SS UTC," for every second of a day, PREFIX_BYTES each, one buffer per day.
  const prefixes = new Map<number, Buffer>();
  const prefixesOf = (day: number) => {
    let perSecond = prefixes.get(day);
    if (!perSecond) {
      perSecond = Buffer.from(TIME_OF_DAY.map((time) => `${text.dates[day]} ${time} UTC,`).join(""), "latin1");
      prefixes.set(day, perSecond);
    }
    return perSecond;
  };
  async function* chunks() {
    yield Buffer.from(`${CSV_HEADER}\n`, "latin1");
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let offset = 0;
    const put = (piece: Buffer) => {
      buffer.set(piece, offset);
      offset += piece.length;
    };
    // A plain loop: Buffer#copy allocates a view per call, which costs more than these few bytes.
    const copyBytes = (source: Buffer, start: number, length: number) => {
      for (let k = 0; k < length; k++) buffer[offset + k] = source[start + k]!;
      offset += length;
    };
    for (const part of parts) {
      for (let slot = 0; slot < part.index.length; slot++) {
        const events = part.days[part.from[slot]!]!;
        const i = part.index[slot]!;
        const second = events.second[i]!;
        const day = Math.floor(second / 86400);
        copyBytes(prefixesOf(day), (second - day * 86400) * PREFIX_BYTES, PREFIX_BYTES);
        put(text.types[events.type[i]!]!);
        const product = events.product[i]!;
        copyBytes(text.products, text.productOffsets[product]!, text.productOffsets[product + 1]! - text.productOffsets[product]!);
        const user = events.user[i]!;
        copyBytes(text.users, user * USER_BYTES, USER_BYTES);
        const session = events.session[i]!;
        copyBytes(events.sessionText, session * SESSION_BYTES, SESSION_BYTES);
        rows++;
        // A line is far below 1 KiB; flush before the buffer could overflow.
        if (offset > CHUNK_BYTES - 1024) {
          yield buffer.subarray(0, offset);
          buffer = Buffer.allocUnsafe(CHUNK_BYTES);
          offset = 0;
        }
      }
    }
    if (offset > 0) yield buffer.subarray(0, offset);
  }
  const source = Readable.from(chunks());
  if (gzip) await pipeline(source, createGzip({ level: 3 }), createWriteStream(path));
  else await pipeline(source, createWriteStream(path));
  return rows;
}

function encodeProducts(lines: string[]): Pick<CsvText, "products" | "productOffsets"> {
  const productOffsets = new Int32Array(lines.length + 1);
  lines.forEach((line, index) => {
    productOffsets[index + 1] = productOffsets[index]! + line.length;
  });
  return { products: Buffer.from(lines.join(""), "latin1"), productOffsets };
}

export async function generateDataset(options: GenerateOptions): Promise<GeneratedFile[]> {
  validate(options);
  mkdirSync(options.outDir, { recursive: true });
  const userCount = Math.min(3_000_000, Math.max(20, Math.round(options.events / 12)));
  const catalog = buildCatalog(options.seed, Math.min(200_000, Math.max(50, Math.round(options.events / 40))));
  const text: CsvText = {
    dates: Array.from({ length: options.days + 2 }, (_, day) => addDays(options.start, day)),
    types: EVENT_TYPES.map((type) => Buffer.from(`${type},`, "latin1")),
    ...encodeProducts(catalog.products.map((p) => `${p.productId},${p.categoryId},${p.categoryCode},${p.brand},${p.price},`)),
    users: Buffer.from(Array.from({ length: userCount }, (_, user) => `${userIdOf(user)},`).join(""), "latin1"),
  };
  const budgets = dailyBudgets(options.events, options.start, options.days);
  const extension = options.gzip ? ".csv.gz" : ".csv";
  const simulate = (day: number) =>
    simulateDay(
      {
        day,
        events: budgets[day]!,
        seed: (Math.imul(options.seed, 1_000_003) + day * 7919) >>> 0,
        userCount,
        duplicateShare: options.duplicateShare ?? 0.002,
        // Late rows go to the next day's file, so the last day has none.
        lateShare: day === options.days - 1 && options.split === "day" ? 0 : options.lateShare ?? 0.001,
      },
      catalog,
    );
  const files: GeneratedFile[] = [];
  let written = 0;

  if (options.split === "none") {
    const days = Array.from({ length: options.days }, (_, day) => simulate(day));
    const sorted = selectSorted(
      days.flatMap((events) => [TODAY, CROSSED_MIDNIGHT].map((destination) => ({ events, destination }))),
      0,
      (options.days + 1) * 86400,
    );
    const path = join(options.outDir, `events${extension}`);
    const rows = await writeCsv(path, [sorted, ...days.map((events) => selectInOrder(events, LATE))], text, options.gzip);
    options.onProgress?.(rows, options.events);
    return [{ path, rows }];
  }

  let previous: DayEvents | undefined;
  for (let day = 0; day < options.days; day++) {
    const events = simulate(day);
    const lastDay = day === options.days - 1;
    const sources = [
      ...(previous ? [{ events: previous, destination: CROSSED_MIDNIGHT }] : []),
      { events, destination: TODAY },
      // The last file also keeps the events of sessions that ran past the final midnight.
      ...(lastDay ? [{ events, destination: CROSSED_MIDNIGHT }] : []),
    ];
    const parts = [selectSorted(sources, day * 86400, 2 * 86400), ...(previous ? [selectInOrder(previous, LATE)] : [])];
    const path = join(options.outDir, `events-${text.dates[day]}${extension}`);
    const rows = await writeCsv(path, parts, text, options.gzip);
    files.push({ path, rows });
    written += rows;
    options.onProgress?.(written, options.events);
    previous = events;
  }
  return files;
}

/**
 * One day of shoppers: sessions start with an evening peak, users come back, and each session walks
 * view → cart → remove_from_cart / purchase with REES46-like drop-off. Events are kept in columns
 * (typed arrays), not strings, so a month of them fits in memory and sorts fast.
 */
import { createRng, random, skewedIndex, type Catalog } from "./catalog.js";

type Rng = ReturnType<typeof createRng>;

/** Relative traffic per UTC hour: quiet nights, a rise through the day, an evening peak. */
const HOURLY_WEIGHTS = [2, 1.2, 0.8, 0.6, 0.6, 0.9, 1.6, 2.6, 3.6, 4.3, 4.7, 4.9, 5, 5, 4.9, 5, 5.2, 5.6, 6.3, 7, 7.3, 6.8, 5.3, 3.4];
const HOURLY_TOTAL = HOURLY_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
const HOURLY_CUMULATIVE = HOURLY_WEIGHTS.map((_, hour) => HOURLY_WEIGHTS.slice(0, hour + 1).reduce((a, b) => a + b, 0) / HOURLY_TOTAL);

export const EVENT_TYPES = ["view", "cart", "remove_from_cart", "purchase"] as const;
const VIEW = 0;
const CART = 1;
const REMOVE = 2;
const PURCHASE = 3;

/** Where a simulated event is written. */
export const TODAY = 0;
export const CROSSED_MIDNIGHT = 1;
export const LATE = 2;

export interface DayPlan {
  /** Index of the day in the dataset; event times are seconds since the dataset's first midnight. */
  day: number;
  /** Rows to produce for this day, duplicates included. */
  events: number;
  seed: number;
  userCount: number;
  /** Share of rows written twice, as double-logged events. */
  duplicateShare: number;
  /** Share of rows held back to the next day's file (late-arriving data). */
  lateShare: number;
}

export interface DayEvents {
  length: number;
  /** Seconds since the dataset's first midnight (UTC). */
  second: Int32Array;
  type: Uint8Array;
  product: Int32Array;
  /** Index of the user; userIdOf() gives the id. */
  user: Int32Array;
  /** Index of the session in `sessionText`. */
  session: Int32Array;
  /** TODAY, CROSSED_MIDNIGHT or LATE. */
  destination: Uint8Array;
  sessionCount: number;
  /** Session ids with their newline, SESSION_BYTES each. */
  sessionText: Buffer;
}

/** 9-digit user ids, as in REES46. */
export function userIdOf(user: number): number {
  return 512000031 + user * 7;
}

/** Bytes per session id in `sessionText`: a UUID and the line's newline. */
export const SESSION_BYTES = 37;
const HEX = Buffer.from("0123456789abcdef", "latin1");
const DASHES = new Set([8, 13, 18, 23]);

/** Writes a random version-4 UUID and a newline at `offset`: the end of a CSV line. */
function writeSessionId(rng: Rng, target: Buffer, offset: number): void {
  let bits = 0;
  let available = 0;
  for (let position = 0; position < 36; position++) {
    if (DASHES.has(position)) {
      target[offset + position] = 45; // "-"
      continue;
    }
    if (available < 4) {
      bits = rng.next() >>> 0;
      available = 32;
    }
    let nibble = bits & 15;
    bits >>>= 4;
    available -= 4;
    if (position === 14) nibble = 4; // version 4
    if (position === 19) nibble = 8 | (nibble & 3); // RFC 4122 variant
    target[offset + position] = HEX[nibble]!;
  }
  target[offset + 36] = 10;
}

function sessionStartSecond(rng: Rng): number {
  const draw = random(rng);
  let hour = 0;
  while (HOURLY_CUMULATIVE[hour]! < draw) hour++;
  return hour * 3600 + Math.floor(random(rng) * 3600);
}

/** Seconds to the next event: mostly under a minute, sometimes a pause long enough to split the session. */
function gapSeconds(rng: Rng): number {
  if (random(rng) < 0.012) return 1860 + Math.floor(random(rng) * 5400);
  return Math.floor(-Math.log(1 - random(rng)) * 40);
}

export function simulateDay(plan: DayPlan, catalog: Catalog): DayEvents {
  const rng = createRng(plan.seed);
  const size = plan.events;
  const events: DayEvents = {
    length: 0,
    second: new Int32Array(size),
    type: new Uint8Array(size),
    product: new Int32Array(size),
    user: new Int32Array(size),
    session: new Int32Array(size),
    destination: new Uint8Array(size),
    sessionCount: 0,
    sessionText: Buffer.allocUnsafe(SESSION_BYTES * (size + 1)),
  };
  const productCount = catalog.products.length;
  const dayStart = plan.day * 86400;

  const emit = (second: number, type: number, productIndex: number, userId: number) => {
    // A session can run past midnight, but not into a third day.
    if (events.length >= size || second >= 2 * 86400) return;
    const copies = random(rng) < plan.duplicateShare && events.length + 2 <= size ? 2 : 1;
    const destination = second >= 86400 ? CROSSED_MIDNIGHT : random(rng) < plan.lateShare ? LATE : TODAY;
    for (let copy = 0; copy < copies; copy++) {
      const index = events.length++;
      events.second[index] = dayStart + second;
      events.type[index] = type;
      events.product[index] = productIndex;
      events.user[index] = userId;
      events.session[index] = events.sessionCount - 1;
      events.destination[index] = destination;
    }
  };

  while (events.length < size) {
    const userId = skewedIndex(rng, plan.userCount, 2.2);
    writeSessionId(rng, events.sessionText, SESSION_BYTES * events.sessionCount++);
    let second = sessionStartSecond(rng);
    const productsBrowsed = 1 + Math.floor(-Math.log(1 - random(rng)) * 2.2);
    let productIndex = skewedIndex(rng, productCount, 3);
    for (let step = 0; step < productsBrowsed; step++) {
      // Shoppers often compare neighbouring products; otherwise they jump to a popular one.
      productIndex = random(rng) < 0.4 ? Math.min(productCount - 1, productIndex + 1) : skewedIndex(rng, productCount, 3);
      const views = random(rng) < 0.2 ? 2 : 1;
      for (let view = 0; view < views; view++) {
        emit(second, VIEW, productIndex, userId);
        second += gapSeconds(rng);
      }
      if (random(rng) < 0.035) {
        emit(second, CART, productIndex, userId);
        second += gapSeconds(rng);
        if (random(rng) < 0.2) {
          emit(second, REMOVE, productIndex, userId);
          second += gapSeconds(rng);
        } else if (random(rng) < 0.5) {
          emit(second, PURCHASE, productIndex, userId);
          second += gapSeconds(rng);
        }
      } else if (random(rng) < 0.012) {
        // REES46 often logs a purchase with no cart event before it.
        emit(second, PURCHASE, productIndex, userId);
        second += gapSeconds(rng);
      }
    }
  }
  return events;
}

/** `--max-rejected`: how many invalid lines a file may have before its load fails (default 1 %). */
import { InvalidArgumentError } from "commander";

export type MaxRejected = { kind: "count"; value: number } | { kind: "percent"; value: number };

export const DEFAULT_MAX_REJECTED: MaxRejected = { kind: "percent", value: 1 };

export function parseMaxRejected(text: string): MaxRejected {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (percent) return { kind: "percent", value: Number(percent[1]) };
  if (/^\d+$/.test(text.trim())) return { kind: "count", value: Number(text) };
  throw new InvalidArgumentError(`expected a count such as 100 or a percentage such as 0.5%, got "${text}"`);
}

export function describeMaxRejected(limit: MaxRejected): string {
  return limit.kind === "percent" ? `${limit.value}%` : String(limit.value);
}

export function exceedsMaxRejected(rejected: number, lines: number, limit: MaxRejected): boolean {
  return limit.kind === "count" ? rejected > limit.value : rejected > (lines * limit.value) / 100;
}

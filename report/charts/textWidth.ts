/**
 * Text widths for Vega's layout in Node. Without a canvas Vega guesses 0.8 em per character, which
 * truncates legend labels and leaves wide gaps. These widths (in em) follow DejaVu Sans, the widest
 * of the usual sans-serif fonts, so labels never clip where a narrower font is used instead.
 * Vega reads its textMetrics.width hook for exactly this (as vl-convert does).
 */
import * as vega from "vega";

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
}

interface TextMetrics {
  width(item: TextItem, text: string | number | null | undefined): number;
}

const CHARACTER_EMS: Array<[characters: string, ems: number]> = [
  ["ijl'.,:;!|·", 0.3],
  [" /-()[]{}Ift", 0.37],
  ["r", 0.42],
  ["–", 0.5],
  ["0123456789$", 0.64],
  ["mM", 0.92],
  ["wW—%", 0.98],
  ["+=<>×→", 0.84],
];
const EMS = new Map(CHARACTER_EMS.flatMap(([characters, ems]) => [...characters].map((character) => [character, ems] as const)));
const LOWERCASE_EMS = 0.61;
const UPPERCASE_EMS = 0.72;
const BOLD_FACTOR = 1.1;

export function estimateTextWidth(item: TextItem, text: string | number | null | undefined): number {
  const value = text === null || text === undefined ? "" : String(text).trim();
  const fontSize = item.fontSize !== undefined ? Number(item.fontSize) || 0 : 11;
  const bold = item.fontWeight === "bold" || Number(item.fontWeight) >= 600;
  let ems = 0;
  for (const character of value) {
    ems += EMS.get(character) ?? (character !== character.toLowerCase() ? UPPERCASE_EMS : LOWERCASE_EMS);
  }
  return ems * fontSize * (bold ? BOLD_FACTOR : 1);
}

export function useEstimatedTextWidths(): void {
  (vega as unknown as { textMetrics: TextMetrics }).textMetrics.width = estimateTextWidth;
}

/** Number and date formats for the page, in one English locale so reports read the same everywhere. */

const LOCALE = "en-US";

const countFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const moneyFormat = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compactFormat = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });

export function formatCount(value: number | null): string {
  return value === null ? "–" : countFormat.format(value);
}

export function formatMoney(value: number | null): string {
  return value === null ? "–" : moneyFormat.format(value);
}

/** 1.2M, 45.3K, 812: for headline figures. */
export function formatCompact(value: number | null): string {
  return value === null ? "–" : compactFormat.format(value);
}

/** 0.0253 → "2.5%"; small shares keep two significant digits (0.00055 → "0.055%"). */
export function formatPercent(value: number | null, digits = 1): string {
  if (value === null) return "–";
  const percent = value * 100;
  const fractionDigits = percent !== 0 && Math.abs(percent) < 0.1 ? 3 : percent !== 0 && Math.abs(percent) < 1 ? 2 : digits;
  return `${percent.toFixed(fractionDigits)}%`;
}

/** A relative change: 0.0959 → "+9.6%". */
export function formatChange(value: number | null): string {
  if (value === null) return "–";
  return `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(1)}%`;
}

/** A difference of two rates: 0.0011 → "+0.11 pp". */
export function formatPointChange(value: number | null): string {
  if (value === null) return "–";
  return `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(2)} pp`;
}

export function formatSeconds(value: number | null): string {
  if (value === null) return "–";
  if (value < 90) return `${Math.round(value)} s`;
  if (value < 5400) return `${(value / 60).toFixed(1)} min`;
  return `${(value / 3600).toFixed(1)} h`;
}

/** "2019-10-05" → "Sat 5 Oct 2019". */
export function formatDate(date: string): string {
  const value = new Date(`${date}T00:00:00Z`);
  return value.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** "2019-10-05" → "5 Oct". */
export function formatShortDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}

/** An ISO instant → "5 Oct 2019, 23:59 UTC". */
export function formatInstant(iso: string | null): string {
  if (iso === null) return "–";
  const value = new Date(iso);
  const date = value.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${date}, ${value.toISOString().slice(11, 16)} UTC`;
}

/** 20 → "20:00–21:00". */
export function formatHourRange(hour: number): string {
  const pad = (value: number) => String(value % 24).padStart(2, "0");
  return `${pad(hour)}:00–${pad(hour + 1)}:00`;
}

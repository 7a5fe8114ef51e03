/**
 * Progress for long work: a bar with amount, rate and ETA on an interactive terminal (cli-progress);
 * nothing in CI, in --json or --quiet runs, or when output is piped.
 */
import { SingleBar, Presets } from "cli-progress";
import type { Output } from "./output.js";

export interface Progress {
  update(done: number, extra?: Record<string, string>): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function createProgress(output: Output, label: string, total: number, unit: "rows" | "bytes"): Progress {
  if (!output.interactive || total <= 0) return SILENT;
  const started = performance.now();
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {amount} | {rate} | ETA {eta_formatted}{detail}`,
      hideCursor: true,
      stream: process.stderr,
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const describe = (done: number) => {
    const seconds = Math.max((performance.now() - started) / 1000, 0.001);
    return unit === "bytes"
      ? { amount: `${formatBytes(done)} / ${formatBytes(total)}`, rate: `${formatBytes(done / seconds)}/s` }
      : { amount: `${done.toLocaleString("en")} / ${total.toLocaleString("en")} rows`, rate: `${Math.round(done / seconds).toLocaleString("en")} rows/s` };
  };
  bar.start(total, 0, { ...describe(0), detail: "" });
  return {
    update: (done, extra = {}) => bar.update(Math.min(done, total), { ...describe(done), detail: extra["detail"] ?? "" }),
    stop: () => bar.stop(),
  };
}

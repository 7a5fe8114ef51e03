/** Repeated measurements of one benchmark step and their summaries. */

export interface Sample {
  name: string;
  ms: number[];
  peakRssBytes: number[];
}

export interface SampleSummary {
  name: string;
  runs: number;
  minMs: number;
  medianMs: number;
  peakRssBytes: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarise(sample: Sample): SampleSummary {
  return {
    name: sample.name,
    runs: sample.ms.length,
    minMs: Math.round(Math.min(...sample.ms)),
    medianMs: Math.round(median(sample.ms)),
    peakRssBytes: Math.max(0, ...sample.peakRssBytes),
  };
}

export function record(sample: Sample, measurement: { ms: number; peakRssBytes: number }): void {
  sample.ms.push(measurement.ms);
  sample.peakRssBytes.push(measurement.peakRssBytes);
}

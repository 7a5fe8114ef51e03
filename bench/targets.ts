/** The benchmark's targets, as ratios measured in the same run (issue: "Benchmark"). */
import { disagreements, type PipelineMeasurements } from "./benchPipeline.js";
import { summarise } from "./statistics.js";

export interface TargetResult {
  target: string;
  measured: string;
  limit: string;
  met: boolean;
}

const GIB = 2 ** 30;

export function evaluateTargets({ samples, parity }: Pick<PipelineMeasurements, "samples" | "parity">): TargetResult[] {
  const medianOf = (stage: keyof typeof samples) => summarise(samples[stage]).medianMs;
  const bareParse = medianOf("bareParse");
  const pipeline = medianOf("load") + medianOf("fullRefresh") + medianOf("assertions");
  const ours = medianOf("load") + medianOf("headlineMarts");
  const handwritten = medianOf("handwritten");
  const incrementalShare = medianOf("incremental") / medianOf("fullRefresh");
  const peakStage = Object.values(samples)
    .map((sample) => summarise(sample))
    .reduce((highest, stage) => (stage.peakRssBytes > highest.peakRssBytes ? stage : highest));
  const peak = peakStage.peakRssBytes;
  const differing = disagreements(parity);
  return [
    {
      target: "whole pipeline (load + every model + assertions) vs the bare parse",
      measured: `${(pipeline / bareParse).toFixed(1)}× (${seconds(pipeline)} vs ${seconds(bareParse)})`,
      limit: "≤ 8×",
      met: pipeline <= 8 * bareParse,
    },
    {
      target: "framework overhead: load + headline models vs the hand-written script, both from the CSV",
      measured: `${(ours / handwritten).toFixed(2)}× (${seconds(ours)} vs ${seconds(handwritten)})`,
      limit: "≤ 1.3×",
      met: ours <= 1.3 * handwritten,
    },
    {
      target: "one-day incremental run vs full refresh (models)",
      measured: `${(incrementalShare * 100).toFixed(1)} % (${seconds(medianOf("incremental"))} vs ${seconds(medianOf("fullRefresh"))})`,
      limit: "≤ 10 %",
      met: incrementalShare <= 0.1,
    },
    {
      target: "the same, with lookback_days=0",
      measured: `${((medianOf("incrementalNoLookback") / medianOf("fullRefresh")) * 100).toFixed(1)} % (${seconds(medianOf("incrementalNoLookback"))})`,
      limit: "≤ 10 %",
      met: medianOf("incrementalNoLookback") <= 0.1 * medianOf("fullRefresh"),
    },
    {
      target: "peak memory (RSS) of any stage",
      measured: `${(peak / GIB).toFixed(2)} GiB (${peakStage.name})`,
      limit: "< 4 GiB",
      met: peak < 4 * GIB,
    },
    {
      target: "the models and the hand-written script give the same headline figures",
      measured: differing.length === 0 ? `${parity.length} of ${parity.length} agree` : `differ: ${differing.map((check) => check.figure).join(", ")}`,
      limit: "all equal",
      met: parity.length > 0 && differing.length === 0,
    },
  ];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The benchmark's targets, as ratios measured in the same run (issue: "Performance"). */
import { disagreements, type PipelineMeasurements } from "./benchPipeline.js";
import { summarise } from "./statistics.js";
import { memoryLimitBytes as readMemoryLimit } from "../runner/warehouse/duckdbWarehouse.js";

export interface TargetResult {
  target: string;
  measured: string;
  limit: string;
  met: boolean;
  /** A figure shown beside the targets for scale: none of the targets, never reported as missed. */
  informational?: true;
}

const GIB = 2 ** 30;
/** What a stage's process may hold beyond --memory-limit: Node, the runner and DuckDB's own allocations outside its buffer pool (which gets 90 % of the limit). */
const PROCESS_OVERHEAD_BYTES = 1 * GIB;

/** Bytes of a DuckDB memory_limit such as "3GB" or "8GiB" (DuckDB reads GB as 10^9 bytes, GiB as 2^30). */
export function memoryLimitBytes(limit: string): number {
  const bytes = readMemoryLimit(limit);
  if (bytes === undefined) throw new Error(`Cannot read the memory limit "${limit}": expected a size such as 3GB or 8GiB.`);
  return bytes;
}

export function evaluateTargets({ samples, parity, memoryLimit }: Pick<PipelineMeasurements, "samples" | "parity" | "memoryLimit">): TargetResult[] {
  const medianOf = (stage: keyof typeof samples) => summarise(samples[stage]).medianMs;
  const pipeline = medianOf("load") + medianOf("fullRefresh");
  const floor = medianOf("handwritten");
  const writes = medianOf("writeKeptTables");
  const floorWithWrites = floor + writes;
  const incrementalShare = medianOf("incremental") / medianOf("fullRefresh");
  const peakStage = Object.values(samples)
    .map((sample) => summarise(sample))
    .reduce((highest, stage) => (stage.peakRssBytes > highest.peakRssBytes ? stage : highest));
  const peak = peakStage.peakRssBytes;
  const differing = disagreements(parity);
  return [
    {
      target: "pipeline (load + full refresh of every model) vs the floor (hand-written script), both from the CSV",
      measured: `${(pipeline / floor).toFixed(2)}× (${seconds(pipeline)} vs ${seconds(floor)})`,
      limit: "≤ 2×",
      met: pipeline <= 2 * floor,
    },
    {
      target: "for scale: the same pipeline vs the floor plus writing the tables the design keeps once (the floor writes none; see the stage below)",
      measured: `${(pipeline / floorWithWrites).toFixed(2)}× (${seconds(pipeline)} vs ${seconds(floor)} + ${seconds(writes)})`,
      limit: "none",
      met: pipeline <= 2 * floorWithWrites,
      informational: true,
    },
    {
      // Above 2×, no pipeline that keeps these tables can meet the first target, however fast its queries.
      target: "for scale: the least any pipeline that keeps those tables pays, writing them once with no computation, vs the floor",
      measured: `${(writes / floor).toFixed(2)}× (${seconds(writes)} vs ${seconds(floor)})`,
      limit: "none",
      met: writes <= 2 * floor,
      informational: true,
    },
    {
      target: "one-day incremental run vs full refresh (models)",
      measured: `${(incrementalShare * 100).toFixed(1)} % (${seconds(medianOf("incremental"))} vs ${seconds(medianOf("fullRefresh"))})`,
      limit: "≤ 10 %",
      met: incrementalShare <= 0.1,
    },
    {
      target: `peak memory (RSS) of any stage, every stage under --memory-limit ${memoryLimit}`,
      measured: `${(peak / GIB).toFixed(2)} GiB (${peakStage.name})`,
      limit: `≤ the limit + ${PROCESS_OVERHEAD_BYTES / GIB} GiB`,
      met: peak <= memoryLimitBytes(memoryLimit) + PROCESS_OVERHEAD_BYTES,
    },
    {
      target: "the models and the floor give the same headline figures",
      measured: differing.length === 0 ? `${parity.length} of ${parity.length} agree` : `differ: ${differing.map((check) => check.figure).join(", ")}`,
      limit: "all equal",
      met: parity.length > 0 && differing.length === 0,
    },
  ];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

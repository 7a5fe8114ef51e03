/**
 * One funnel: a bar per step showing the share of viewed pairs that got this far (on a pale track
 * for what was lost), beside columns with the pairs, the step's conversion and the drop-off.
 * Every funnel has the same three steps, so one spec serves them all with its data swapped
 * (FUNNEL_DATA), which saves compiling it once per category and brand.
 */
import type { TopLevelSpec } from "vega-lite";
import { formatCount, formatPercent } from "../format.js";
import type { Funnel } from "../reportData.js";
import { COLORS } from "./chartTheme.js";

const STEP_AXIS_LABELS: Record<string, string> = {
  view: "Viewed",
  cart: "Viewed + carted",
  purchase: "Viewed + carted + bought",
};

export const FUNNEL_DATA = "funnel";
const STEPS = Object.values(STEP_AXIS_LABELS);

export type FunnelChartRow = Record<string, string | number>;

/** The rows one funnel's chart shows. */
export function funnelChartValues(funnel: Funnel): FunnelChartRow[] {
  return funnel.steps.map((step, order) => ({
    order,
    step: STEP_AXIS_LABELS[step.step] ?? step.label,
    share: step.overallRate ?? 0,
    pairs: formatCount(step.pairs),
    stepRate: order === 0 ? "" : formatPercent(step.stepRate),
    dropped: order === 0 ? "" : formatCount(step.dropped),
    description:
      order === 0
        ? `${funnel.label}: ${formatCount(step.pairs)} session × product pairs viewed`
        : `${funnel.label}: ${formatCount(step.pairs)} pairs ${STEP_AXIS_LABELS[step.step]?.toLowerCase()}, ${formatPercent(step.stepRate)} of the step before; ${formatCount(step.dropped)} dropped`,
  }));
}

/** The funnel chart, its data named FUNNEL_DATA (given, or to be set on the view). */
export function funnelChart(values: FunnelChartRow[] = []): TopLevelSpec {
  const y = { field: "step", type: "nominal" as const, sort: STEPS, title: null };
  const column = (field: string, title: string, width: number) => ({
    width,
    height: { step: 40 },
    title: { text: title, fontSize: 12, fontWeight: 600 as const, anchor: "end" as const, color: COLORS.text },
    mark: { type: "text" as const, align: "right" as const, x: width - 4, fontSize: 13, aria: false },
    encoding: { y: { ...y, axis: null }, text: { field, type: "nominal" as const } },
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Funnel: share of viewed session × product pairs reaching each step, with drop-off.",
    data: { name: FUNNEL_DATA, values },
    hconcat: [
      {
        width: 340,
        height: { step: 40 },
        title: { text: "Share of viewed pairs", fontSize: 12, fontWeight: 600, anchor: "start", color: COLORS.text },
        layer: [
          { mark: { type: "bar", color: COLORS.track, cornerRadiusEnd: 2 }, encoding: { y, x: { datum: 1, type: "quantitative" } } },
          {
            mark: { type: "bar", color: COLORS.primary, cornerRadiusEnd: 2 },
            encoding: {
              y: { ...y, axis: { labelFontSize: 13, labelFontWeight: 600, labelColor: COLORS.text, labelLimit: 0 } },
              x: { field: "share", type: "quantitative", scale: { domain: [0, 1] }, axis: { format: ".0%", title: null, tickCount: 5 } },
              description: { field: "description", type: "nominal" },
              tooltip: { field: "description", type: "nominal" },
            },
          },
        ],
      },
      column("pairs", "Pairs", 90),
      column("stepRate", "Of the step before", 150),
      column("dropped", "Dropped", 100),
    ],
    spacing: 4,
  };
}

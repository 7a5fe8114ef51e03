/** How clean the sessionization is: the share of sessions with each caveat. */
import type { TopLevelSpec } from "vega-lite";
import { formatPercent } from "../format.js";
import type { QualityShare } from "../reportData.js";
import { COLORS } from "./chartTheme.js";

export function sessionQualityChart(quality: QualityShare[]): TopLevelSpec {
  const values = quality.map((item) => ({ ...item, shareLabel: formatPercent(item.share), description: `${item.label}: ${formatPercent(item.share)} of sessions` }));
  const y = { field: "label", type: "nominal" as const, sort: values.map((value) => value.label), title: null, axis: { labelLimit: 0 } };
  const maximum = Math.max(0.01, ...quality.map((item) => item.share));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Bar chart of the share of sessions with each sessionization caveat.",
    data: { values },
    width: 300,
    height: { step: 26 },
    layer: [
      {
        mark: { type: "bar", color: COLORS.muted, cornerRadiusEnd: 2 },
        encoding: {
          y,
          // Head room for the labels: shares are small, so the axis follows the largest one.
          x: { field: "share", type: "quantitative", title: "Share of sessions", scale: { domain: [0, maximum * 1.25] }, axis: { format: ".1%", tickCount: 4 } },
          description: { field: "description", type: "nominal" },
          tooltip: { field: "description", type: "nominal" },
        },
      },
      {
        mark: { type: "text", align: "left", dx: 4, fontSize: 11, aria: false },
        encoding: { y, x: { field: "share", type: "quantitative" }, text: { field: "shareLabel", type: "nominal" } },
      },
    ],
  };
}

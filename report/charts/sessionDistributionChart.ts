/** A histogram of sessions over ordered bins (duration or depth), as shares of all sessions. */
import type { TopLevelSpec } from "vega-lite";
import { formatCount, formatPercent } from "../format.js";
import type { DistributionBin } from "../reportData.js";
import { COLORS } from "./chartTheme.js";

export function sessionDistributionChart(bins: DistributionBin[], axisTitle: string, labelAngle = 0): TopLevelSpec {
  const values = bins.map((bin) => ({
    ...bin,
    shareLabel: bin.share > 0 ? formatPercent(bin.share, 0) : "",
    description: `${axisTitle} ${bin.label}: ${formatPercent(bin.share)} of sessions (${formatCount(bin.sessions)})`,
  }));
  const x = { field: "label", type: "ordinal" as const, sort: values.map((value) => value.label), title: axisTitle, axis: { labelAngle, labelLimit: 0 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Histogram of sessions by ${axisTitle.toLowerCase()}.`,
    data: { values },
    width: 420,
    height: 180,
    layer: [
      {
        mark: { type: "bar", color: COLORS.primary, cornerRadiusEnd: 2 },
        encoding: {
          x,
          y: { field: "share", type: "quantitative", title: "Share of sessions", axis: { format: ".0%", tickCount: 4 } },
          description: { field: "description", type: "nominal" },
          tooltip: { field: "description", type: "nominal" },
        },
      },
      {
        mark: { type: "text", dy: -7, fontSize: 11, aria: false },
        encoding: { x, y: { field: "share", type: "quantitative" }, text: { field: "shareLabel", type: "nominal" } },
      },
    ],
  };
}

/** View-to-purchase conversion per category, best first, against the all-category rate. */
import type { TopLevelSpec } from "vega-lite";
import { formatCount, formatPercent } from "../format.js";
import type { DimensionConversion } from "../reportData.js";
import { COLORS } from "./chartTheme.js";

export function categoryConversionChart(categories: DimensionConversion[], overallRate: number | null): TopLevelSpec {
  const values = categories
    .filter((category) => category.viewToPurchaseRate !== null)
    .sort((a, b) => (b.viewToPurchaseRate ?? 0) - (a.viewToPurchaseRate ?? 0) || a.name.localeCompare(b.name))
    .map((category) => ({
      name: category.name,
      rate: category.viewToPurchaseRate,
      label: formatPercent(category.viewToPurchaseRate),
      description: `${category.name}: ${formatPercent(category.viewToPurchaseRate)} of ${formatCount(category.viewPairs)} viewed pairs bought`,
    }));
  const y = { field: "name", type: "nominal" as const, sort: values.map((value) => value.name), title: null, axis: { labelLimit: 0 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Bar chart of view-to-purchase conversion per top-level category.",
    width: 380,
    height: { step: 22 },
    layer: [
      {
        data: { values },
        layer: [
          {
            mark: { type: "bar", color: COLORS.primary, cornerRadiusEnd: 2 },
            encoding: {
              y,
              x: { field: "rate", type: "quantitative", title: "Viewed pairs that were bought", axis: { format: ".1%", tickCount: 5 } },
              description: { field: "description", type: "nominal" },
              tooltip: { field: "description", type: "nominal" },
            },
          },
          {
            mark: { type: "text", align: "left", dx: 4, fontSize: 11, aria: false },
            encoding: { y, x: { field: "rate", type: "quantitative" }, text: { field: "label", type: "nominal" } },
          },
        ],
      },
      ...(overallRate === null
        ? []
        : [
            {
              data: { values: [{ rate: overallRate, label: `all: ${formatPercent(overallRate)}` }] },
              layer: [
                { mark: { type: "rule" as const, color: COLORS.accent, strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x: { field: "rate", type: "quantitative" as const } } },
                {
                  mark: { type: "text" as const, color: COLORS.accent, align: "left" as const, dx: 4, y: -8, fontSize: 11, fontWeight: 600 as const, aria: false },
                  encoding: { x: { field: "rate", type: "quantitative" as const }, text: { field: "label", type: "nominal" as const } },
                },
              ],
            },
          ]),
    ],
  };
}

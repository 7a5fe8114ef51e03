/** Weekday × hour heatmap of one measure (traffic or conversion), in the reporting time zone. */
import type { TopLevelSpec } from "vega-lite";
import { formatCount, formatHourRange, formatPercent } from "../format.js";
import type { HeatmapCell } from "../reportData.js";

export type HeatmapMeasure = "events" | "conversionRate";

const MEASURES: Record<HeatmapMeasure, { title: string; scheme: "blues" | "greens"; format: string }> = {
  events: { title: "Events", scheme: "blues", format: ",.0f" },
  conversionRate: { title: "Converted", scheme: "greens", format: ".0%" },
};

export function trafficHeatmap(cells: HeatmapCell[], measure: HeatmapMeasure, timezone: string): TopLevelSpec {
  const settings = MEASURES[measure];
  const weekdays = [...new Map(cells.map((cell) => [cell.weekday, cell.weekdayName])).entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name);
  const values = cells.map((cell) => ({
    ...cell,
    value: measure === "events" ? cell.events : cell.conversionRate,
    description:
      measure === "events"
        ? `${cell.weekdayName} ${formatHourRange(cell.hour)}: ${formatCount(cell.events)} events`
        : `${cell.weekdayName} ${formatHourRange(cell.hour)}: ${formatPercent(cell.conversionRate)} of ${formatCount(cell.sessions)} sessions converted`,
  }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Heatmap of ${settings.title.toLowerCase()} by weekday and hour of day (${timezone}).`,
    data: { values },
    width: 400,
    height: 182,
    // Cells with no value (no session started then) stay the grey of the plot.
    view: { fill: "#EEF1F4" },
    mark: { type: "rect", stroke: "#fff", strokeWidth: 1 },
    encoding: {
      x: {
        field: "hour",
        type: "ordinal",
        title: `Hour of day (${timezone})`,
        sort: Array.from({ length: 24 }, (_, hour) => hour),
        axis: { labelAngle: 0, values: [0, 3, 6, 9, 12, 15, 18, 21] },
      },
      y: { field: "weekdayName", type: "ordinal", sort: weekdays, title: null },
      color: {
        field: "value",
        type: "quantitative",
        title: settings.title,
        scale: { scheme: settings.scheme },
        legend: { format: settings.format, orient: "right", gradientLength: 150 },
      },
      description: { field: "description", type: "nominal" },
      tooltip: { field: "description", type: "nominal" },
    },
  };
}

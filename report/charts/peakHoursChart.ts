/** Share of the day's events per hour of day, the busiest hours highlighted. */
import type { TopLevelSpec } from "vega-lite";
import { formatCount, formatHourRange, formatPercent } from "../format.js";
import type { HourOfDayShare } from "../reportData.js";
import { COLORS } from "./chartTheme.js";

export function peakHoursChart(hours: HourOfDayShare[], timezone: string): TopLevelSpec {
  const values = hours.map((hour) => ({
    ...hour,
    kind: hour.isPeak ? "Busiest hours" : "Other hours",
    description: `${formatHourRange(hour.hour)}: ${formatPercent(hour.share)} of events (${formatCount(hour.events)})${hour.isPeak ? ", one of the busiest hours" : ""}`,
  }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Bar chart of each hour of day's share of events, busiest hours highlighted.",
    data: { values },
    width: 430,
    height: 180,
    mark: { type: "bar", cornerRadiusEnd: 2 },
    encoding: {
      x: { field: "hour", type: "ordinal", title: `Hour of day (${timezone})`, sort: values.map((value) => value.hour), axis: { labelAngle: 0 } },
      y: { field: "share", type: "quantitative", title: "Share of events", axis: { format: ".0%", tickCount: 4 } },
      color: {
        field: "kind",
        type: "nominal",
        scale: { domain: ["Busiest hours", "Other hours"], range: [COLORS.accent, COLORS.muted] },
        legend: { title: null, orient: "top", direction: "horizontal", symbolType: "square" },
      },
      description: { field: "description", type: "nominal" },
      tooltip: { field: "description", type: "nominal" },
    },
  };
}

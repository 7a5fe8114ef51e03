/** Events per hour, one small line chart per event type (views outnumber purchases 50 to 1, so each gets its own scale). */
import type { TopLevelSpec } from "vega-lite";
import { EVENT_TYPES } from "../data/readEventActivity.js";
import type { HourlyEventCount } from "../reportData.js";
import { EVENT_TYPE_COLORS, EVENT_TYPE_LABELS } from "./chartTheme.js";

/** Up to this many hours the points are marked and the axis shows hours; beyond, days. */
const SHORT_SPAN_HOURS = 48;

export function hourlyEventsChart(hourly: HourlyEventCount[]): TopLevelSpec {
  const hours = new Set(hourly.map((row) => row.hour)).size;
  const short = hours <= SHORT_SPAN_HOURS;
  const labels = EVENT_TYPES.map((type) => `${EVENT_TYPE_LABELS[type]} · events per hour`);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Events per hour (UTC) for each event type, one line chart per type with its own scale.",
    data: { values: hourly.map((row) => ({ ...row, type: `${EVENT_TYPE_LABELS[row.eventType]} · events per hour` })) },
    facet: {
      row: {
        field: "type",
        type: "nominal",
        sort: labels,
        title: null,
        header: { labelAngle: 0, labelAlign: "left", labelAnchor: "start", labelOrient: "top", labelFontWeight: 600, labelPadding: 2 },
      },
    },
    spacing: 14,
    spec: {
      width: 640,
      height: 64,
      mark: { type: "line", point: short },
      encoding: {
        x: {
          field: "hour",
          type: "temporal",
          scale: { type: "utc" },
          title: "Hour (UTC)",
          axis: short
            ? { format: "%a %H:%M", tickCount: Math.min(hours, 12), grid: true }
            : { format: "%a %e %b", tickCount: "day", grid: true },
        },
        y: { field: "events", type: "quantitative", title: null, axis: { tickCount: 3, format: ",.0f" } },
        color: {
          field: "type",
          type: "nominal",
          scale: { domain: labels, range: EVENT_TYPES.map((type) => EVENT_TYPE_COLORS[type]) },
          legend: null,
        },
      },
    },
    resolve: { scale: { y: "independent" } },
  };
}

/** The share of all events each type takes: the seed pipeline's donut. */
import type { TopLevelSpec } from "vega-lite";
import { formatCount, formatPercent } from "../format.js";
import type { EventTypeShare } from "../reportData.js";
import { EVENT_TYPE_COLORS, EVENT_TYPE_LABELS } from "./chartTheme.js";

export function eventShareDonut(shares: EventTypeShare[]): TopLevelSpec {
  const total = shares.reduce((sum, share) => sum + share.events, 0);
  const values = shares.map((share, order) => {
    const label = `${EVENT_TYPE_LABELS[share.eventType]}: ${formatPercent(share.share)}`;
    return { ...share, order, label, description: `${label} of events (${formatCount(share.events)})` };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Donut chart of each event type's share of all events.",
    width: 220,
    height: 220,
    layer: [
      {
        data: { values },
        mark: { type: "arc", innerRadius: 68, outerRadius: 108, stroke: "#fff", strokeWidth: 1.5 },
        encoding: {
          theta: { field: "events", type: "quantitative", stack: true },
          order: { field: "order", type: "ordinal" },
          color: {
            field: "label",
            type: "nominal",
            sort: values.map((value) => value.label),
            scale: { domain: values.map((value) => value.label), range: shares.map((share) => EVENT_TYPE_COLORS[share.eventType]) },
            legend: { title: "Event type", orient: "bottom", direction: "vertical", symbolType: "square", symbolSize: 140, labelLimit: 0 },
          },
          description: { field: "description", type: "nominal" },
          tooltip: { field: "description", type: "nominal" },
        },
      },
      { data: { values: [{}] }, mark: { type: "text", fontSize: 17, fontWeight: 700, dy: -8, text: formatCount(total), aria: false } },
      { data: { values: [{}] }, mark: { type: "text", fontSize: 12, color: "#52606D", dy: 12, text: "events", aria: false } },
    ],
  };
}

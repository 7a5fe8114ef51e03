/**
 * One look for every chart: the page's font, muted axes, and colours that stay apart for
 * colour-blind readers (the Okabe–Ito palette; sequential single-hue schemes for heatmaps).
 */
import type { Config } from "vega-lite";
import type { EventType } from "../reportData.js";

export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const COLORS = {
  primary: "#0072B2",
  accent: "#D55E00",
  track: "#E3E8EE",
  muted: "#9AAFC4",
  text: "#1F2933",
  subtleText: "#52606D",
} as const;

export const EVENT_TYPE_COLORS: Record<EventType, string> = {
  view: "#0072B2",
  cart: "#E69F00",
  remove_from_cart: "#CC79A7",
  purchase: "#009E73",
};

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  view: "View",
  cart: "Add to cart",
  remove_from_cart: "Remove from cart",
  purchase: "Purchase",
};

export const CHART_CONFIG: Config = {
  font: FONT_FAMILY,
  background: "transparent",
  padding: 8,
  view: { stroke: null },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: COLORS.subtleText,
    titleColor: COLORS.text,
    gridColor: "#EDF0F3",
    domainColor: "#B8C2CC",
    tickColor: "#B8C2CC",
    titlePadding: 10,
  },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, labelColor: COLORS.text, titleColor: COLORS.text },
  header: { labelFontSize: 12, labelColor: COLORS.text, titleFontSize: 12 },
  text: { fontSize: 12, color: COLORS.text },
  bar: { color: COLORS.primary },
  line: { strokeWidth: 1.75 },
};

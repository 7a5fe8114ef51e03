/** Headline KPIs: the newest period against the one before it. */
import { formatChange, formatCompact, formatCount, formatDate, formatMoney, formatPercent, formatPointChange, formatShortDate } from "../../format.js";
import type { DateRange, KpiComparison, KpiSection } from "../../reportData.js";
import { section } from "../components.js";
import { html, type SafeHtml } from "../safeHtml.js";

export function kpiSection(kpis: KpiSection): SafeHtml {
  return section({
    id: "kpis",
    title: "Headline",
    intro: "How is the shop doing, and is it getting better? " + periodSentence(kpis),
    body: html`<div class="kpi-grid">${kpis.kpis.map((kpi) => kpiCard(kpi, kpis.previous))}</div>`,
  });
}

function periodSentence(kpis: KpiSection): string {
  const describe = (range: DateRange) => `${range.days === 1 ? "" : `${formatDate(range.from)} – `}${formatDate(range.to)}`;
  const current = `The last ${dayCount(kpis.current.days)} (${describe(kpis.current)})`;
  const comparison = kpis.previous ? ` against the ${dayCount(kpis.previous.days)} before (${describe(kpis.previous)}).` : "; there is not enough history to compare with.";
  const incomplete = kpis.incompleteDays.length
    ? ` ${kpis.incompleteDays.map(formatShortDate).join(", ")} ${kpis.incompleteDays.length === 1 ? "is" : "are"} left out: too little data yet to be a complete day.`
    : "";
  return current + comparison + incomplete;
}

function dayCount(days: number): string {
  return days === 1 ? "day" : `${days} days`;
}

export function formatKpiValue(kpi: KpiComparison, value: number | null): string {
  if (kpi.unit === "rate") return formatPercent(value);
  if (kpi.unit === "money") return kpi.key === "revenue" ? formatCompact(value) : formatMoney(value);
  return formatCount(value);
}

/** "good", "bad" or "flat", by the direction of the change and whether a rise is good news. */
export function changeTone(kpi: KpiComparison): "good" | "bad" | "flat" {
  if (kpi.change === null || Math.abs(kpi.change) < 0.0005) return "flat";
  return kpi.change > 0 === kpi.higherIsBetter ? "good" : "bad";
}

function kpiCard(kpi: KpiComparison, previous: DateRange | null): SafeHtml {
  const tone = changeTone(kpi);
  const change = kpi.unit === "rate" ? formatPointChange(kpi.change) : formatChange(kpi.change);
  const arrow = kpi.change === null || tone === "flat" ? "■" : kpi.change > 0 ? "▲" : "▼";
  const verdict = tone === "flat" ? "steady" : tone === "good" ? "better" : "worse";
  return html`<div class="card kpi" data-kpi="${kpi.key}">
  <div class="kpi-label">${kpi.label}</div>
  <div class="kpi-value">${formatKpiValue(kpi, kpi.current)}</div>
  ${
    previous && kpi.previous !== null
      ? html`<div class="kpi-change ${tone}"><span aria-hidden="true">${arrow}</span> ${change} <span class="kpi-verdict">${verdict}</span></div><div class="kpi-previous">was ${formatKpiValue(kpi, kpi.previous)}</div>`
      : html`<div class="kpi-change flat">no earlier period</div>`
  }
</div>`;
}

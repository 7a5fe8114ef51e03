/** The funnel with drop-off per step, for everything or a chosen category or brand. */
import type { FunnelChartSvg, ReportCharts } from "../../charts/renderReportCharts.js";
import { formatCount, formatPercent, formatSeconds } from "../../format.js";
import type { FunnelSection } from "../../reportData.js";
import { card, chartFigure, facts, mainAndSide, section } from "../components.js";
import { html, type SafeHtml } from "../safeHtml.js";

export function funnelSection(funnel: FunnelSection, charts: ReportCharts): SafeHtml {
  const groups: Array<[label: string, items: FunnelChartSvg[]]> = [
    ["Overall", charts.funnels.filter((item) => item.funnel.group === "all")],
    ["Category", charts.funnels.filter((item) => item.funnel.group === "category")],
    ["Brand", charts.funnels.filter((item) => item.funnel.group === "brand")],
  ];
  const picker = html`<label class="picker">Show the funnel of
  <select id="funnel-choice" aria-controls="funnels">${groups
    .filter(([, items]) => items.length > 0)
    .map(
      ([label, items]) =>
        html`<optgroup label="${label}">${items.map((item) => html`<option value="${item.funnel.key}">${item.funnel.group === "all" ? item.funnel.label : `${label.toLowerCase()}: ${item.funnel.label}`}</option>`)}</optgroup>`,
    )}</select></label>`;
  const overall = funnel.funnels.find((item) => item.group === "all")?.steps ?? [];
  const summary = card(
    "All products at a glance",
    "How much of the viewing ends in a purchase, and how quickly?",
    facts(
      [
        ["Viewed pairs", formatCount(overall[0]?.pairs ?? null)],
        ["Lost before the cart", formatPercent(overall[1] ? 1 - (overall[1].stepRate ?? 0) : null)],
        ["Carted pairs bought", formatPercent(overall[2]?.stepRate ?? null)],
        ["Viewed pairs bought via the cart", formatPercent(overall[2]?.overallRate ?? null)],
        ["Median time from first view to purchase", formatSeconds(funnel.medianSecondsToPurchase)],
        ["90% of purchases within", formatSeconds(funnel.p90SecondsToPurchase)],
      ],
      "pairs",
    ),
    "funnel-summary",
  );
  return section({
    id: "funnel",
    title: "Funnel",
    intro: "Where do shoppers drop out between viewing, carting and buying a product? Counted over session × product pairs, as the seed pipeline did.",
    body: html`${picker}
${mainAndSide(html`<div id="funnels" aria-live="polite">${charts.funnels.map((item, index) =>
      chartFigure({
        id: `chart-funnel-${index}`,
        title: `Funnel: ${item.funnel.group === "all" ? "all products" : `${item.funnel.group} ${item.funnel.label}`}`,
        question: "How many viewed pairs reach the cart and then the purchase, and how many drop out at each step?",
        svg: item.svg,
        wide: true,
        hidden: index > 0,
        attributes: { "data-funnel": item.funnel.key },
        note: "Each step counts the pairs that also reached every step before it. Purchases without a cart event (REES46 logs many) are not in this funnel; they count in the conversion rates below.",
      }),
    )}</div>`, summary)}`,
  });
}

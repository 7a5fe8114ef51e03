/** The whole dashboard as one self-contained HTML document: inline SVG, CSS and script only. */
import type { ReportCharts } from "../charts/renderReportCharts.js";
import { formatCount, formatDate, formatInstant } from "../format.js";
import type { ReportData } from "../reportData.js";
import { REPORT_SCRIPT } from "./reportScript.js";
import { REPORT_STYLES } from "./reportStyles.js";
import { html } from "./safeHtml.js";
import { standalonePage } from "./standalonePage.js";
import { activitySection } from "./sections/activitySection.js";
import { conversionSection } from "./sections/conversionSection.js";
import { dataQualitySection } from "./sections/dataQualitySection.js";
import { funnelSection } from "./sections/funnelSection.js";
import { journeysSection } from "./sections/journeysSection.js";
import { kpiSection } from "./sections/kpiSection.js";
import { sessionsSection } from "./sections/sessionsSection.js";
import { trafficSection } from "./sections/trafficSection.js";

const SECTIONS: Array<[id: string, title: string]> = [
  ["kpis", "Headline"],
  ["activity", "Activity by hour"],
  ["funnel", "Funnel"],
  ["conversion", "Conversion"],
  ["traffic", "When shoppers come"],
  ["sessions", "Sessions"],
  ["journeys", "Journeys"],
  ["data-quality", "Data quality"],
];

export function renderReportHtml(data: ReportData, charts: ReportCharts): string {
  const range = `${formatDate(data.dataRange.from)} – ${formatDate(data.dataRange.to)}`;
  const events = data.eventTypeShares.reduce((sum, share) => sum + share.events, 0);
  return standalonePage({
    generator: "clickstream report",
    title: `Clickstream report · ${range}`,
    styles: REPORT_STYLES,
    script: REPORT_SCRIPT,
    body: html`<header class="page">
  <h1>Clickstream report</h1>
  <p>${formatCount(events)} events from ${range} · built ${formatInstant(data.generatedAt)} from <code>${data.warehouse}</code></p>
</header>
<nav class="toc" aria-label="Sections">${SECTIONS.map(([id, title]) => html`<a href="#${id}">${title}</a>`)}</nav>
<main>
${kpiSection(data.kpis)}
${activitySection(charts)}
${funnelSection(data.funnel, charts)}
${conversionSection(data.conversion, charts)}
${trafficSection(data.traffic, charts, data.kpis.incompleteDays)}
${sessionsSection(data.sessions, charts)}
${journeysSection(data.journeys)}
${dataQualitySection(data.dataQuality, data.generatedAt)}
</main>
<footer class="page">Built by <code>npx clickstream report</code> from the Dataform marts. Charts: Vega-Lite, rendered to SVG. On BigQuery, <code>npx clickstream report --target bigquery</code> prints a Looker Studio link to the same marts.</footer>`,
  });
}

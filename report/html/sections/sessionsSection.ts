/** Sessions: duration and depth distributions, and the share with each sessionization caveat. */
import type { ReportCharts } from "../../charts/renderReportCharts.js";
import { formatCount, formatPercent, formatSeconds } from "../../format.js";
import type { SessionSection } from "../../reportData.js";
import { card, chartFigure, facts, grid, section } from "../components.js";
import { html, type SafeHtml } from "../safeHtml.js";

export function sessionsSection(sessions: SessionSection, charts: ReportCharts): SafeHtml {
  return section({
    id: "sessions",
    title: "Sessions",
    intro: "How long and how deep are visits, and how clean is the way events were grouped into sessions?",
    body: html`${grid(
  chartFigure({
    id: "chart-session-duration",
    title: "Session duration",
    question: "How long do sessions last, from the first event to the last?",
    svg: charts.sessionDuration,
    note: "A single-event session lasts 0 s.",
  }),
  chartFigure({
    id: "chart-session-depth",
    title: "Session depth",
    question: "How many events does a session have?",
    svg: charts.sessionDepth,
  }),
)}
${grid(
  chartFigure({
    id: "chart-session-quality",
    title: "Session quality",
    question: "How many sessions carry a caveat from sessionization: split by the timeout, past midnight, late events, shared or missing ids?",
    svg: charts.sessionQuality,
    note: "From session_quality, weighted by each day's sessions. Small shares are expected; a jump points at a problem in the source.",
  }),
  card(
    "At a glance",
    "How many sessions are there, and what does a typical one look like?",
    facts([
      ["Sessions", formatCount(sessions.sessions)],
      ["Bounce rate (one event)", formatPercent(sessions.bounceRate)],
      ["Median duration", formatSeconds(sessions.medianDurationSeconds)],
      ["Median events per session", formatCount(sessions.medianEvents)],
    ], "pairs"),
    "sessions-at-a-glance",
  ),
)}`,
  });
}

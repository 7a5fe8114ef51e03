/** Hourly event-type distribution: the seed pipeline's two charts. */
import type { ReportCharts } from "../../charts/renderReportCharts.js";
import { chartFigure, mainAndSide, section } from "../components.js";
import type { SafeHtml } from "../safeHtml.js";

export function activitySection(charts: ReportCharts): SafeHtml {
  return section({
    id: "activity",
    title: "Activity by hour",
    intro: "What do shoppers do, hour by hour? The seed pipeline's hourly event-type table (event_type_by_hour), as lines over time and as shares.",
    body: mainAndSide(
      chartFigure({
        id: "chart-hourly-events",
        title: "Events per hour, by type",
        question: "When are shoppers active, and do carts and purchases rise and fall with views? Each type has its own scale.",
        svg: charts.hourlyEvents,
      }),
      chartFigure({
        id: "chart-event-shares",
        title: "Share of events by type",
        question: "What share of everything shoppers do is viewing, carting, removing and buying?",
        svg: charts.eventShares,
      }),
    ),
  });
}

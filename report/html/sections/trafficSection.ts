/** When shoppers come and buy: heatmaps and peak hours. */
import type { ReportCharts } from "../../charts/renderReportCharts.js";
import { formatCount, formatDate, formatHourRange, formatPercent } from "../../format.js";
import type { DailyPeak, TrafficSection } from "../../reportData.js";
import { card, chartFigure, dataTable, grid, section } from "../components.js";
import { html, type SafeHtml } from "../safeHtml.js";

/** incompleteDays: days still filling up, whose peak says little (marked in the table). */
export function trafficSection(traffic: TrafficSection, charts: ReportCharts, incompleteDays: string[] = []): SafeHtml {
  const peaks = traffic.hours.filter((hour) => hour.isPeak).sort((a, b) => b.events - a.events);
  const peakSentence = peaks.length
    ? `The busiest hours are ${peaks.map((hour) => `${formatHourRange(hour.hour)} (${formatPercent(hour.share)})`).join(", ")}.`
    : "";
  return section({
    id: "traffic",
    title: "When shoppers come",
    intro: `On which days and at which hours do shoppers come, and when do they buy? Hours are in the reporting time zone, ${traffic.reportingTimezone}. ${peakSentence}`,
    body: html`${grid(
      chartFigure({
        id: "chart-traffic-heatmap",
        title: "Traffic by weekday and hour",
        question: "At which weekday and hour does traffic peak? Darker means more events.",
        svg: charts.trafficHeatmap,
      }),
      chartFigure({
        id: "chart-conversion-heatmap",
        title: "Conversion by weekday and hour",
        question: "Do sessions that start at some times convert better? Share of sessions with a purchase, by start time.",
        svg: charts.conversionHeatmap,
      }),
    )}
${grid(
  chartFigure({
    id: "chart-peak-hours",
    title: "Peak hours",
    question: "Which hours of the day carry the most traffic?",
    svg: charts.peakHours,
  }),
  card(
    "Busiest hour of each day",
    "Is the peak at the same time every day?",
    dataTable<DailyPeak>({
      caption: "From peak_hours_daily: each day's busiest hour and its share of the day's events.",
      columns: [
        { title: "Day", cell: (row) => `${formatDate(row.date)}${incompleteDays.includes(row.date) ? " (incomplete)" : ""}`, sortValue: (row) => row.date },
        { title: "Busiest hour", cell: (row) => formatHourRange(row.peakHour), sortValue: (row) => row.peakHour },
        { title: "Events in it", numeric: true, cell: (row) => formatCount(row.peakHourEvents), sortValue: (row) => row.peakHourEvents },
        { title: "Share of the day", numeric: true, cell: (row) => formatPercent(row.peakShare), sortValue: (row) => row.peakShare },
      ],
      rows: traffic.dailyPeaks,
      sortable: true,
      scroll: true,
    }),
    "table-daily-peaks",
  ),
)}`,
  });
}

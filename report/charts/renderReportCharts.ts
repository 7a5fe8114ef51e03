/** Every chart of the report, rendered to SVG from the report's data. */
import type { TopLevelSpec } from "vega-lite";
import type { Funnel, ReportData } from "../reportData.js";
import { categoryConversionChart } from "./categoryConversionChart.js";
import { eventShareDonut } from "./eventShareDonut.js";
import { FUNNEL_DATA, funnelChart, funnelChartValues } from "./funnelChart.js";
import { hourlyEventsChart } from "./hourlyEventsChart.js";
import { peakHoursChart } from "./peakHoursChart.js";
import { renderChartSvg, renderChartSvgs } from "./renderChartSvg.js";
import { sessionDistributionChart } from "./sessionDistributionChart.js";
import { sessionQualityChart } from "./sessionQualityChart.js";
import { trafficHeatmap } from "./trafficHeatmap.js";

export interface FunnelChartSvg {
  funnel: Funnel;
  svg: string;
}

export interface ReportCharts {
  hourlyEvents: string;
  eventShares: string;
  funnels: FunnelChartSvg[];
  categoryConversion: string;
  trafficHeatmap: string;
  conversionHeatmap: string;
  peakHours: string;
  sessionDuration: string;
  sessionDepth: string;
  sessionQuality: string;
  /** What Vega warned about while drawing (nothing, normally). */
  warnings: string[];
}

/** Every chart's SVG, funnels included. */
export function allChartSvgs(charts: ReportCharts): string[] {
  return [
    charts.hourlyEvents,
    charts.eventShares,
    ...charts.funnels.map((item) => item.svg),
    charts.categoryConversion,
    charts.trafficHeatmap,
    charts.conversionHeatmap,
    charts.peakHours,
    charts.sessionDuration,
    charts.sessionDepth,
    charts.sessionQuality,
  ];
}

export async function renderReportCharts(data: ReportData): Promise<ReportCharts> {
  const timezone = data.traffic.reportingTimezone;
  const funnels = data.funnel.funnels;
  const warnings: string[] = [];
  const render = (spec: TopLevelSpec) => renderChartSvg(spec, warnings);
  const funnelSvgs = await renderChartSvgs(funnelChart(), FUNNEL_DATA, funnels.map(funnelChartValues), warnings);
  return {
    hourlyEvents: await render(hourlyEventsChart(data.hourlyEvents)),
    eventShares: await render(eventShareDonut(data.eventTypeShares)),
    funnels: funnels.map((funnel, index) => ({ funnel, svg: funnelSvgs[index]! })),
    categoryConversion: await render(categoryConversionChart(data.conversion.categories, data.conversion.overallViewToPurchaseRate)),
    trafficHeatmap: await render(trafficHeatmap(data.traffic.heatmap, "events", timezone)),
    conversionHeatmap: await render(trafficHeatmap(data.traffic.heatmap, "conversionRate", timezone)),
    peakHours: await render(peakHoursChart(data.traffic.hours, timezone)),
    sessionDuration: await render(sessionDistributionChart(data.sessions.durationBins, "Session duration", -35)),
    sessionDepth: await render(sessionDistributionChart(data.sessions.depthBins, "Events in the session")),
    sessionQuality: await render(sessionQualityChart(data.sessions.quality)),
    warnings,
  };
}

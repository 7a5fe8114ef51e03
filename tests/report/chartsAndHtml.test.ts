/** Chart rendering, number formats and the page's escaping. */
import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { FUNNEL_DATA, funnelChart, funnelChartValues } from "../../report/charts/funnelChart.js";
import { hourlyEventsChart } from "../../report/charts/hourlyEventsChart.js";
import { renderChartSvg, renderChartSvgs } from "../../report/charts/renderChartSvg.js";
import { sessionQualityChart } from "../../report/charts/sessionQualityChart.js";
import { estimateTextWidth } from "../../report/charts/textWidth.js";
import { ChartRenderError } from "../../report/errors.js";
import { funnelSteps } from "../../report/data/readFunnels.js";
import { formatChange, formatHourRange, formatPercent, formatPointChange, formatSeconds } from "../../report/format.js";
import { changeTone } from "../../report/html/sections/kpiSection.js";
import { html, trusted } from "../../report/html/safeHtml.js";
import type { Funnel, KpiComparison } from "../../report/reportData.js";

const funnel = (label: string, viewed: number, carted: number, purchased: number): Funnel => ({
  key: `brand:${label}`,
  label,
  group: "brand",
  steps: funnelSteps({ viewed, carted, purchased }),
});

describe("chart rendering", () => {
  it("renders one spec for many datasets exactly as rendering each on its own", async () => {
    const funnels = [funnel("apple", 2526, 97, 41), funnel("lego", 800, 12, 0)];
    const series = await renderChartSvgs(funnelChart(), FUNNEL_DATA, funnels.map(funnelChartValues));
    const single = await Promise.all(funnels.map((item) => renderChartSvg(funnelChart(funnelChartValues(item)))));
    // Vega numbers clip paths from one process-wide counter (unique within a page); the rest is equal.
    const withoutClipIds = (svg: string) => svg.replace(/clip\d+/g, "clip");
    expect(series.map(withoutClipIds)).toEqual(single.map(withoutClipIds));
    expect(series[0]).toContain(">2,526</text>");
    expect(series[1]).toContain(">800</text>");
    expect(series[0]).not.toEqual(series[1]);
  });

  it("labels every mark for screen readers (and the page's tooltip) with its description", async () => {
    const svg = await renderChartSvg(sessionQualityChart([{ key: "a", label: "Cross midnight (UTC)", share: 0.0123 }]));
    expect(svg).toContain('aria-label="Cross midnight (UTC): 1.2% of sessions"');
    expect(svg).toMatch(/^<svg [^>]*viewBox=/);
  });

  it("draws the hourly lines of a few hours (the REES46 sample) with hour ticks and marked points", async () => {
    const hours = ["2019-10-01T00:00:00Z", "2019-10-01T01:00:00Z", "2019-10-01T02:00:00Z"];
    const warnings: string[] = [];
    const svg = await renderChartSvg(hourlyEventsChart(hours.map((hour, index) => ({ hour, eventType: "view", events: 10 * (index + 1) }))), warnings);
    expect(svg).toContain(">Tue 01:00</text>");
    expect(svg).toContain('aria-roledescription="point"');
    expect(warnings).toEqual([]);
  });

  it("fails on what Vega could not draw, and passes its warnings on", async () => {
    const values = [{ day: "2019-10-01T00:00:00Z", n: 1 }];
    const brokenAxis: TopLevelSpec = {
      description: "broken axis",
      data: { values },
      mark: "point",
      encoding: { x: { field: "day", type: "temporal", scale: { type: "utc" }, axis: { tickCount: { interval: "hour", step: 2 } } }, y: { field: "n", type: "quantitative" } },
    };
    await expect(renderChartSvg(brokenAxis)).rejects.toThrow(ChartRenderError);
    await expect(renderChartSvg(brokenAxis)).rejects.toThrow(/^Could not draw "broken axis": /);
    const conflictingSorts: TopLevelSpec = {
      description: "two sorts",
      data: { values: [{ a: "x", n: 1 }] },
      layer: [
        { mark: "bar", encoding: { y: { field: "a", type: "nominal", sort: "-x" }, x: { field: "n", type: "quantitative" } } },
        { mark: "text", encoding: { y: { field: "a", type: "nominal", sort: "x" }, x: { field: "n", type: "quantitative" }, text: { field: "n" } } },
      ],
    };
    const warnings: string[] = [];
    await renderChartSvg(conflictingSorts, warnings);
    expect(warnings).toEqual([expect.stringMatching(/^two sorts: .*conflicting sort properties/)]);
  });

  it("estimates text widths like a wide sans-serif, bold a little wider", () => {
    expect(estimateTextWidth({ fontSize: 10 }, "iiii")).toBeCloseTo(12);
    expect(estimateTextWidth({ fontSize: 10 }, "Viewed + carted")).toBeGreaterThan(80);
    expect(estimateTextWidth({ fontSize: 10, fontWeight: 700 }, "abc")).toBeCloseTo(estimateTextWidth({ fontSize: 10 }, "abc") * 1.1);
  });
});

describe("formats", () => {
  it("writes shares, changes and durations the way the page shows them", () => {
    expect([formatPercent(0.0253), formatPercent(0.0055), formatPercent(0.00055), formatPercent(null)]).toEqual(["2.5%", "0.55%", "0.055%", "–"]);
    expect([formatChange(0.0959), formatChange(-0.012), formatPointChange(0.0011)]).toEqual(["+9.6%", "−1.2%", "+0.11 pp"]);
    expect([formatSeconds(59), formatSeconds(156), formatSeconds(7200)]).toEqual(["59 s", "2.6 min", "2.0 h"]);
    expect(formatHourRange(23)).toBe("23:00–00:00");
  });

  it("calls a change good or bad by whether a rise is good news", () => {
    const kpi = (change: number | null, higherIsBetter: boolean): KpiComparison => ({ key: "k", label: "K", unit: "rate", higherIsBetter, current: 1, previous: 1, change });
    expect([changeTone(kpi(0.1, true)), changeTone(kpi(0.1, false)), changeTone(kpi(-0.1, false)), changeTone(kpi(0.0001, true)), changeTone(kpi(null, true))]).toEqual([
      "good",
      "bad",
      "good",
      "flat",
      "flat",
    ]);
  });
});

describe("html", () => {
  it("escapes every value and keeps trusted markup as it is", () => {
    const brand = `<img src=x onerror="alert(1)">&'`;
    expect(html`<td title="${brand}">${brand}</td>${trusted("<svg></svg>")}${[1, "<b>"]}${null}`.value).toBe(
      '<td title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;</td><svg></svg>1&lt;b&gt;',
    );
  });
});

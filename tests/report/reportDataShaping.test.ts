/** The pure shaping of mart rows into what the charts embed. */
import { describe, expect, it } from "vitest";
import { eventTypeShares, fillMissingHours } from "../../report/data/readEventActivity.js";
import { funnelSteps } from "../../report/data/readFunnels.js";
import { productMinimumViews, PRODUCT_MINIMUM_VIEWS } from "../../report/data/readConversion.js";
import { binIndexSql, DEPTH_BINS, DURATION_BINS, fillBins } from "../../report/data/readSessions.js";
import { completeHeatmap, hourOfDayShares } from "../../report/data/readTraffic.js";
import type { HeatmapCell } from "../../report/reportData.js";

describe("funnelSteps", () => {
  it("gives each step its drop-off, its rate from the step before and from the first step", () => {
    expect(funnelSteps({ viewed: 200, carted: 50, purchased: 20 })).toEqual([
      { step: "view", label: "Viewed", pairs: 200, dropped: 0, stepRate: 1, overallRate: 1 },
      { step: "cart", label: "Added to cart", pairs: 50, dropped: 150, stepRate: 0.25, overallRate: 0.25 },
      { step: "purchase", label: "Purchased", pairs: 20, dropped: 30, stepRate: 0.4, overallRate: 0.1 },
    ]);
  });

  it("has no rates over an empty step", () => {
    const steps = funnelSteps({ viewed: 3, carted: 0, purchased: 0 });
    expect(steps[2]).toMatchObject({ pairs: 0, dropped: 0, stepRate: null, overallRate: 0 });
    expect(funnelSteps({ viewed: 0, carted: 0, purchased: 0 })[1]).toMatchObject({ stepRate: null, overallRate: null });
  });
});

describe("hourly events", () => {
  it("fills the hours a type had no event with zeros, so lines drop to them", () => {
    const filled = fillMissingHours([
      { hour: "2019-10-01T10:00:00Z", eventType: "view", events: 5 },
      { hour: "2019-10-01T12:00:00Z", eventType: "view", events: 2 },
      { hour: "2019-10-01T12:00:00Z", eventType: "purchase", events: 1 },
    ]);
    expect(filled).toEqual([
      { hour: "2019-10-01T10:00:00Z", eventType: "view", events: 5 },
      { hour: "2019-10-01T10:00:00Z", eventType: "purchase", events: 0 },
      { hour: "2019-10-01T11:00:00Z", eventType: "view", events: 0 },
      { hour: "2019-10-01T11:00:00Z", eventType: "purchase", events: 0 },
      { hour: "2019-10-01T12:00:00Z", eventType: "view", events: 2 },
      { hour: "2019-10-01T12:00:00Z", eventType: "purchase", events: 1 },
    ]);
  });

  it("gives each event type's share of all events in funnel order", () => {
    const shares = eventTypeShares([
      { hour: "2019-10-01T10:00:00Z", eventType: "purchase", events: 1 },
      { hour: "2019-10-01T10:00:00Z", eventType: "view", events: 6 },
      { hour: "2019-10-01T11:00:00Z", eventType: "view", events: 2 },
      { hour: "2019-10-01T11:00:00Z", eventType: "cart", events: 1 },
    ]);
    expect(shares).toEqual([
      { eventType: "view", events: 8, share: 0.8 },
      { eventType: "cart", events: 1, share: 0.1 },
      { eventType: "purchase", events: 1, share: 0.1 },
    ]);
  });
});

describe("traffic", () => {
  const cell = (weekday: number, hour: number, events: number): HeatmapCell => ({ weekday, weekdayName: "x", hour, events, sessions: 1, conversionRate: 0.5 });

  it("completes the heatmap to 7 × 24 cells, missing ones without traffic or rate", () => {
    const cells = completeHeatmap([cell(3, 10, 7)]);
    expect(cells).toHaveLength(168);
    expect(cells.find((item) => item.weekday === 3 && item.hour === 10)).toMatchObject({ events: 7, conversionRate: 0.5 });
    expect(cells.find((item) => item.weekday === 1 && item.hour === 0)).toEqual({ weekday: 1, weekdayName: "Sunday", hour: 0, events: 0, sessions: 0, conversionRate: null });
  });

  it("sums hours of day over weekdays and flags the three busiest, the earlier hour on a tie", () => {
    const hours = hourOfDayShares([cell(1, 20, 30), cell(2, 20, 10), cell(1, 9, 25), cell(1, 10, 25), cell(1, 11, 10)]);
    expect(hours).toHaveLength(24);
    expect(hours[20]).toEqual({ hour: 20, events: 40, share: 0.4, isPeak: true });
    expect(hours.filter((hour) => hour.isPeak).map((hour) => hour.hour)).toEqual([9, 10, 20]);
    expect(hours[0]).toEqual({ hour: 0, events: 0, share: 0, isPeak: false });
  });
});

describe("session distributions", () => {
  it("bins in SQL by each bin's upper bound, the last bin open-ended", () => {
    expect(binIndexSql("events", DEPTH_BINS)).toBe(
      "CASE WHEN events < 2 THEN 0 WHEN events < 3 THEN 1 WHEN events < 4 THEN 2 WHEN events < 5 THEN 3 WHEN events < 6 THEN 4 WHEN events < 11 THEN 5 WHEN events < 21 THEN 6 ELSE 7 END",
    );
    expect(DURATION_BINS.at(-1)).toEqual({ label: "1 h+", below: null });
  });

  it("keeps empty bins, in order, with shares of all sessions", () => {
    const bins = fillBins(DEPTH_BINS, [{ bin: 0, sessions: 3 }, { bin: 5, sessions: 1 }]);
    expect(bins.map((bin) => [bin.label, bin.sessions, bin.share])).toEqual([
      ["1", 3, 0.75], ["2", 0, 0], ["3", 0, 0], ["4", 0, 0], ["5", 0, 0], ["6–10", 1, 0.25], ["11–20", 0, 0], ["21+", 0, 0],
    ]);
  });
});

describe("productMinimumViews", () => {
  it("ranks only often viewed products, unless too few are (small data)", () => {
    expect(productMinimumViews(1021)).toBe(PRODUCT_MINIMUM_VIEWS);
    expect(productMinimumViews(3)).toBe(1);
  });
});

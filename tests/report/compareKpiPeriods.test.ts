/** Headline KPIs: which days are compared, and how each change is computed. */
import { describe, expect, it } from "vitest";
import { addDays, changeBetween, compareKpiPeriods, trailingIncompleteDays } from "../../report/data/compareKpiPeriods.js";
import type { DailyKpi } from "../../report/reportData.js";

function day(date: string, overrides: Partial<DailyKpi> = {}): DailyKpi {
  return {
    date,
    activeUsers: 100,
    sessions: 200,
    events: 1000,
    purchases: 10,
    revenue: 500,
    convertedSessions: 8,
    sessionsWithCart: 20,
    abandonedCartSessions: 12,
    ...overrides,
  };
}

const fortnight = Array.from({ length: 14 }, (_, index) => day(addDays("2019-10-01", index), index >= 7 ? { revenue: 600, sessions: 100 } : {}));

describe("compareKpiPeriods", () => {
  it("compares the newest week with the week before when there are two weeks", () => {
    const section = compareKpiPeriods(fortnight);
    expect(section.current).toEqual({ from: "2019-10-08", to: "2019-10-14", days: 7 });
    expect(section.previous).toEqual({ from: "2019-10-01", to: "2019-10-07", days: 7 });
    const kpi = (key: string) => section.kpis.find((item) => item.key === key)!;
    expect(kpi("revenue")).toMatchObject({ current: 4200, previous: 3500, change: 0.2, unit: "money" });
    expect(kpi("sessions")).toMatchObject({ current: 700, previous: 1400, change: -0.5 });
    expect(kpi("average_order_value")).toMatchObject({ current: 60, previous: 50 });
    // Rates change by percentage points: 8/100 against 8/200.
    expect(kpi("conversion_rate").current).toBeCloseTo(0.08);
    expect(kpi("conversion_rate").change).toBeCloseTo(0.04);
    expect(kpi("cart_abandonment_rate")).toMatchObject({ current: 0.6, previous: 0.6, change: 0, higherIsBetter: false });
    expect(kpi("daily_active_users")).toMatchObject({ current: 100, previous: 100, change: 0 });
  });

  it("halves shorter histories, and has nothing to compare a single day with", () => {
    const week = compareKpiPeriods(fortnight.slice(0, 7));
    expect(week.current).toEqual({ from: "2019-10-05", to: "2019-10-07", days: 3 });
    expect(week.previous).toEqual({ from: "2019-10-02", to: "2019-10-04", days: 3 });
    const single = compareKpiPeriods([day("2019-10-01")]);
    expect(single.previous).toBeNull();
    expect(single.kpis.every((kpi) => kpi.previous === null && kpi.change === null)).toBe(true);
  });

  it("leaves out a newest day that is still filling up, and says so", () => {
    const withSpillover = [...fortnight.slice(0, 7), day("2019-10-08", { events: 21, sessions: 6 })];
    const section = compareKpiPeriods(withSpillover);
    expect(section.incompleteDays).toEqual(["2019-10-08"]);
    expect(section.current.to).toBe("2019-10-07");
    expect(section.daily).toHaveLength(8);
  });

  it("counts days without rows as zero in a period (gaps in the data)", () => {
    const gappy = [day("2019-10-01"), day("2019-10-04")];
    const section = compareKpiPeriods(gappy);
    expect(section.current).toEqual({ from: "2019-10-03", to: "2019-10-04", days: 2 });
    expect(section.kpis.find((kpi) => kpi.key === "daily_active_users")).toMatchObject({ current: 50, previous: 50 });
  });
});

describe("changeBetween and trailingIncompleteDays", () => {
  it("gives relative changes for amounts, differences for rates, and nothing from a zero base", () => {
    expect(changeBetween(150, 100, "count")).toBe(0.5);
    expect(changeBetween(0.3, 0.25, "rate")).toBeCloseTo(0.05);
    expect(changeBetween(5, 0, "money")).toBeNull();
    expect(changeBetween(null, 3, "count")).toBeNull();
  });

  it("never calls the first day incomplete, nor a quiet day in the middle", () => {
    expect(trailingIncompleteDays([day("2019-10-01", { events: 1 })])).toEqual([]);
    expect(trailingIncompleteDays([day("2019-10-01"), day("2019-10-02", { events: 10 }), day("2019-10-03")])).toEqual([]);
  });
});

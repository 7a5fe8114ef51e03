/**
 * The funnel over session × product pairs, overall (funnel_steps_daily) and per category and brand.
 * Steps nest as in funnel_steps_daily: viewed; viewed and carted; viewed, carted and bought. The
 * per-dimension marts have no "viewed, carted and bought" count, so those funnels are counted
 * from fct_funnel_events with the same conditions.
 */
import type { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import type { Funnel, FunnelSection, FunnelStep } from "../reportData.js";
import { queryRows } from "./queryRows.js";
import type { ReportTables } from "./reportTables.js";

/** How many categories and brands get a funnel of their own (the most viewed). */
export const FUNNEL_CHOICES_PER_DIMENSION = 10;

export const NO_CATEGORY = "(no category)";
export const NO_BRAND = "(no brand)";

export interface StepCounts {
  viewed: number;
  carted: number;
  purchased: number;
}

const STEP_LABELS: Record<FunnelStep["step"], string> = {
  view: "Viewed",
  cart: "Added to cart",
  purchase: "Purchased",
};

export function funnelSteps(counts: StepCounts): FunnelStep[] {
  const ordered: Array<[FunnelStep["step"], number]> = [
    ["view", counts.viewed],
    ["cart", counts.carted],
    ["purchase", counts.purchased],
  ];
  return ordered.map(([step, pairs], index) => {
    const previous = index === 0 ? pairs : ordered[index - 1]![1];
    return {
      step,
      label: STEP_LABELS[step],
      pairs,
      dropped: previous - pairs,
      stepRate: index === 0 ? 1 : previous > 0 ? pairs / previous : null,
      overallRate: counts.viewed > 0 ? pairs / counts.viewed : null,
    };
  });
}

export async function readFunnels(warehouse: DuckdbWarehouse, tables: ReportTables): Promise<FunnelSection> {
  const [overall] = await queryRows<StepCounts>(warehouse, `
    SELECT
      coalesce(sum(pairs) FILTER (WHERE step = 'view'), 0)::DOUBLE AS viewed,
      coalesce(sum(pairs) FILTER (WHERE step = 'cart'), 0)::DOUBLE AS carted,
      coalesce(sum(pairs) FILTER (WHERE step = 'purchase'), 0)::DOUBLE AS purchased
    FROM ${tables.mart("funnel_steps_daily")}`);
  const byCategory = await readStepCountsBy(warehouse, tables, "category_main", NO_CATEGORY);
  const byBrand = await readStepCountsBy(warehouse, tables, "brand", NO_BRAND);
  const [timing] = await queryRows<{ median: number | null; p90: number | null }>(warehouse, `
    SELECT
      quantile_cont(seconds_view_to_purchase, 0.5)::DOUBLE AS median,
      quantile_cont(seconds_view_to_purchase, 0.9)::DOUBLE AS p90
    FROM ${tables.mart("fct_funnel_events")}`);
  const funnels: Funnel[] = [
    { key: "all", label: "All products", group: "all", steps: funnelSteps(overall ?? { viewed: 0, carted: 0, purchased: 0 }) },
    ...byCategory.map((row): Funnel => ({ key: `category:${row.name}`, label: row.name, group: "category", steps: funnelSteps(row) })),
    ...byBrand.map((row): Funnel => ({ key: `brand:${row.name}`, label: row.name, group: "brand", steps: funnelSteps(row) })),
  ];
  return { funnels, medianSecondsToPurchase: timing?.median ?? null, p90SecondsToPurchase: timing?.p90 ?? null };
}

async function readStepCountsBy(
  warehouse: DuckdbWarehouse,
  tables: ReportTables,
  column: "category_main" | "brand",
  missingLabel: string,
): Promise<Array<StepCounts & { name: string }>> {
  return queryRows<StepCounts & { name: string }>(warehouse, 
    `
    SELECT
      coalesce(${column}, ?) AS name,
      count(*) FILTER (WHERE has_view)::DOUBLE AS viewed,
      count(*) FILTER (WHERE has_view AND has_cart)::DOUBLE AS carted,
      count(*) FILTER (WHERE has_view AND has_cart AND has_purchase)::DOUBLE AS purchased
    FROM ${tables.mart("fct_funnel_events")}
    GROUP BY ${column}
    HAVING viewed > 0
    ORDER BY viewed DESC, name
    LIMIT ${FUNNEL_CHOICES_PER_DIMENSION}`,
    [missingLabel],
  );
}

// The daily funnel marts, one per grain, from one typed definition so they cannot drift apart:
// funnel_daily (day × category × brand, the seed pipeline's grain), funnel_by_category_daily and
// funnel_by_brand_daily. Each counts session × product pairs with consistent populations: every
// rate divides a subset by its own base, so it lies between 0 and 1.
// Authored in TypeScript; Dataform runs the funnels.js that `npm run build` emits beside it.
import { MARTS_SCHEMA } from "../../includes/constants";
import { declareRecomputeDates, deleteEmptiedDates, inDates, incrementalConfig, sessionDates, unitTestOrder } from "../../includes/recompute";

type Dimension = "category_main" | "brand";

interface FunnelDefinition {
  name: string;
  /** The grain besides the date. */
  dims: Dimension[];
  description: string;
}

const DIMENSION_DOCS: Record<Dimension, string> = {
  category_main: "Top-level category; NULL for products without one.",
  brand: "Brand; NULL for products without one.",
};

/** Pair counts, in funnel order: [column, condition over a session × product pair, description]. */
const STEP_COUNTS: Array<[string, string, string]> = [
  ["view_sessions", "has_view", "Session × product pairs with a view."],
  ["view_to_cart_sessions", "has_view AND has_cart", "Pairs with a view and a cart."],
  ["cart_sessions", "has_cart", "Pairs with a cart."],
  ["cart_to_purchase_sessions", "has_cart AND has_purchase", "Pairs with a cart and a purchase."],
  ["view_to_purchase_sessions", "has_view AND has_purchase", "Pairs with a view and a purchase."],
  ["purchase_sessions", "has_purchase", "Pairs with a purchase (with or without a cart: REES46 often logs none)."],
  ["net_cart_sessions", "net_carted", "Pairs still in the cart after removals."],
];

/** Rates: [column, numerator, denominator]. */
const RATES: Array<[string, string, string]> = [
  ["view_to_cart_rate", "view_to_cart_sessions", "view_sessions"],
  ["cart_to_purchase_rate", "cart_to_purchase_sessions", "cart_sessions"],
  ["view_to_purchase_rate", "view_to_purchase_sessions", "view_sessions"],
];

function funnelQuery(context: DataformContext, funnel: FunnelDefinition, datesVariable: string): string {
  const grain = ["session_date", ...funnel.dims].join(", ");
  return `
WITH pair_counts AS (
  SELECT
    session_date AS event_date,
    ${funnel.dims.map((dim) => `${dim},`).join("\n    ")}
    ${STEP_COUNTS.map(([column, condition]) => `COUNTIF(${condition}) AS ${column}`).join(",\n    ")},
    SUM(purchase_revenue) AS revenue,
    MAX(loaded_through) AS loaded_through
  FROM ${context.ref("fct_funnel_events")}
  WHERE ${inDates(context.incremental(), "session_date", datesVariable)}
  GROUP BY ${grain}
)

SELECT
  event_date,
  ${funnel.dims.map((dim) => `${dim},`).join("\n  ")}
  ${STEP_COUNTS.map(([column]) => column).join(",\n  ")},
  ${RATES.map(([column, numerator, denominator]) => `SAFE_DIVIDE(${numerator}, ${denominator}) AS ${column}`).join(",\n  ")},
  revenue,
  loaded_through
FROM pair_counts
${unitTestOrder(["event_date", ...funnel.dims].join(", "))}`;
}

export function defineFunnel(funnel: FunnelDefinition): void {
  const datesVariable = `${funnel.name}_dates`;
  const columns: Record<string, string> = { event_date: "UTC date the sessions started (the partition)." };
  for (const dim of funnel.dims) columns[dim] = DIMENSION_DOCS[dim];
  for (const [column, , doc] of STEP_COUNTS) columns[column] = doc;
  for (const [column, numerator, denominator] of RATES) columns[column] = `${numerator} / ${denominator}.`;
  columns["revenue"] = "Purchase revenue.";
  columns["loaded_through"] = "Newest load reflected.";

  publish(funnel.name, {
    ...incrementalConfig("event_date", funnel.dims),
    schema: MARTS_SCHEMA,
    description: funnel.description,
    tags: ["marts", "daily", "funnel"],
    columns,
    assertions: {
      uniqueKey: ["event_date", ...funnel.dims],
      nonNull: ["event_date", "view_sessions", "cart_sessions"],
      rowConditions: [
        "view_to_cart_sessions <= view_sessions",
        "view_to_cart_sessions <= cart_sessions",
        "cart_to_purchase_sessions <= cart_sessions",
        "view_to_purchase_sessions <= view_sessions",
        ...RATES.map(([column]) => `${column} IS NULL OR ${column} BETWEEN 0 AND 1`),
      ],
    },
  })
    .preOps((context) =>
      context.incremental()
        ? declareRecomputeDates(context.self(), context.ref("stg_events_load_dates"), datesVariable, sessionDates(context.self(), "event_date"))
        : "",
    )
    .postOps((context) => (context.incremental() ? deleteEmptiedDates(context.self(), "event_date", datesVariable, context.ref("fct_funnel_events")) : ""))
    .query((context) => funnelQuery(context, funnel, datesVariable));
}

defineFunnel({
  name: "funnel_daily",
  dims: ["category_main", "brand"],
  description:
    "The funnel per day, category and brand, counted over session × product pairs with consistent populations (the seed pipeline's columns): each rate divides a subset by its own base, so every rate is between 0 and 1.",
});
defineFunnel({ name: "funnel_by_category_daily", dims: ["category_main"], description: "The funnel per day and top-level category, over session × product pairs with consistent populations." });
defineFunnel({ name: "funnel_by_brand_daily", dims: ["brand"], description: "The funnel per day and brand, over session × product pairs with consistent populations." });

// The funnel by one dimension at a time (category, then brand): the same columns as funnel_daily,
// published from one definition so the two marts cannot drift apart. Authored in TypeScript;
// Dataform runs the funnel_by_dimension.js that `npm run build` emits beside this file.
import { MARTS_SCHEMA } from "../../includes/constants";
import { declareDates, inDates, sessionDates } from "../../includes/recompute";

interface Dimension {
  /** Name of the mart: funnel_by_<name>_daily. */
  name: string;
  column: "category_main" | "brand";
  label: string;
}

const DIMENSIONS: Dimension[] = [
  { name: "category", column: "category_main", label: "top-level category" },
  { name: "brand", column: "brand", label: "brand" },
];

function funnelQuery(context: DataformContext, dimension: Dimension, datesVariable: string): string {
  return `
SELECT
  session_date AS event_date,
  ${dimension.column},
  COUNTIF(has_view) AS view_sessions,
  COUNTIF(has_view AND has_cart) AS view_to_cart_sessions,
  COUNTIF(has_cart) AS cart_sessions,
  COUNTIF(has_cart AND has_purchase) AS cart_to_purchase_sessions,
  COUNTIF(has_view AND has_purchase) AS view_to_purchase_sessions,
  COUNTIF(has_purchase) AS purchase_sessions,
  SAFE_DIVIDE(COUNTIF(has_view AND has_cart), COUNTIF(has_view)) AS view_to_cart_rate,
  SAFE_DIVIDE(COUNTIF(has_cart AND has_purchase), COUNTIF(has_cart)) AS cart_to_purchase_rate,
  SAFE_DIVIDE(COUNTIF(has_view AND has_purchase), COUNTIF(has_view)) AS view_to_purchase_rate,
  SUM(purchase_revenue) AS revenue,
  MAX(loaded_through) AS loaded_through
FROM ${context.ref("fct_funnel_events")}
WHERE ${inDates(context.incremental(), "session_date", datesVariable)}
GROUP BY session_date, ${dimension.column}`;
}

for (const dimension of DIMENSIONS) {
  const datesVariable = `funnel_${dimension.name}_dates`;
  publish(`funnel_by_${dimension.name}_daily`, {
    type: "incremental",
    schema: MARTS_SCHEMA,
    description: `The funnel per day and ${dimension.label}, over session × product pairs with consistent populations (rates between 0 and 1).`,
    incrementalStrategy: "INSERT_OVERWRITE",
    bigquery: { partitionBy: "event_date", clusterBy: [dimension.column] },
    tags: ["marts", "daily", "funnel"],
    columns: {
      event_date: "UTC date the sessions started (the partition).",
      [dimension.column]: `The ${dimension.label}; NULL for products without one.`,
      view_sessions: "Session × product pairs with a view.",
      view_to_cart_sessions: "Pairs with a view and a cart.",
      cart_sessions: "Pairs with a cart.",
      cart_to_purchase_sessions: "Pairs with a cart and a purchase.",
      view_to_purchase_sessions: "Pairs with a view and a purchase.",
      purchase_sessions: "Pairs with a purchase.",
      view_to_cart_rate: "view_to_cart_sessions / view_sessions.",
      cart_to_purchase_rate: "cart_to_purchase_sessions / cart_sessions.",
      view_to_purchase_rate: "view_to_purchase_sessions / view_sessions.",
      revenue: "Purchase revenue.",
      loaded_through: "Newest load reflected.",
    },
    assertions: {
      uniqueKey: ["event_date", dimension.column],
      rowConditions: [
        "view_to_cart_sessions <= view_sessions",
        "cart_to_purchase_sessions <= cart_sessions",
        "view_to_cart_rate IS NULL OR view_to_cart_rate BETWEEN 0 AND 1",
        "cart_to_purchase_rate IS NULL OR cart_to_purchase_rate BETWEEN 0 AND 1",
        "view_to_purchase_rate IS NULL OR view_to_purchase_rate BETWEEN 0 AND 1",
      ],
    },
  })
    .preOps((context) =>
      context.incremental() ? declareDates(datesVariable, sessionDates(context.self(), context.ref("stg_events"), "event_date")) : "",
    )
    .query((context) => funnelQuery(context, dimension, datesVariable));
}

/**
 * Conversion by category and brand (summed over the daily funnel marts, rates recomputed from the
 * sums) and the best and worst converting products among those viewed often enough to judge.
 */
import type { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import type { ConversionSection, DimensionConversion, ProductConversionRow } from "../reportData.js";
import { queryRows } from "./queryRows.js";
import { NO_BRAND, NO_CATEGORY } from "./readFunnels.js";
import type { ReportTables } from "./reportTables.js";

export const BRANDS_SHOWN = 30;
export const PRODUCTS_SHOWN = 10;
/** Products viewed in fewer sessions than this are too noisy to rank... */
export const PRODUCT_MINIMUM_VIEWS = 20;
/** ...unless so few products reach it that the ranking would be nearly empty (small data). */
const MINIMUM_RANKED_PRODUCTS = 2 * PRODUCTS_SHOWN;

export async function readConversion(warehouse: DuckdbWarehouse, tables: ReportTables): Promise<ConversionSection> {
  const [overall] = await queryRows<{ rate: number | null }>(
    warehouse,
    `SELECT (sum(view_to_purchase_sessions) / nullif(sum(view_sessions), 0))::DOUBLE AS rate FROM ${tables.mart("funnel_daily")}`,
  );
  const categories = await readDimensionConversion(warehouse, tables.mart("funnel_by_category_daily"), "category_main", NO_CATEGORY);
  const brands = await readDimensionConversion(warehouse, tables.mart("funnel_by_brand_daily"), "brand", NO_BRAND, BRANDS_SHOWN);
  const [brandCount] = await queryRows<{ brands: number }>(
    warehouse,
    `SELECT count(DISTINCT coalesce(brand, ''))::DOUBLE AS brands FROM ${tables.mart("funnel_by_brand_daily")}`,
  );
  const [eligible] = await queryRows<{ products: number }>(
    warehouse,
    `SELECT count(*)::DOUBLE AS products FROM ${tables.mart("product_conversion")} WHERE view_sessions >= ${PRODUCT_MINIMUM_VIEWS}`,
  );
  const minimumViews = productMinimumViews(eligible?.products ?? 0);
  const [ranked] = await queryRows<{ products: number }>(
    warehouse,
    `SELECT count(*)::DOUBLE AS products FROM ${tables.mart("product_conversion")} WHERE view_sessions >= ${minimumViews}`,
  );
  return {
    overallViewToPurchaseRate: overall?.rate ?? null,
    categories,
    brands,
    brandCount: brandCount?.brands ?? 0,
    productMinimumViews: minimumViews,
    rankedProductCount: ranked?.products ?? 0,
    // Ties go to the more viewed product: the stronger evidence, and for the bottom, the bigger miss.
    topProducts: await readRankedProducts(warehouse, tables, minimumViews, "view_to_purchase_rate DESC, view_sessions DESC"),
    bottomProducts: await readRankedProducts(warehouse, tables, minimumViews, "view_to_purchase_rate ASC, view_sessions DESC"),
  };
}

export function productMinimumViews(productsAtDefault: number): number {
  return productsAtDefault >= MINIMUM_RANKED_PRODUCTS ? PRODUCT_MINIMUM_VIEWS : 1;
}

async function readDimensionConversion(
  warehouse: DuckdbWarehouse,
  table: string,
  column: "category_main" | "brand",
  missingLabel: string,
  limit?: number,
): Promise<DimensionConversion[]> {
  return queryRows<DimensionConversion>(
    warehouse,
    `
    SELECT
      coalesce(${column}, ?) AS "name",
      sum(view_sessions)::DOUBLE AS "viewPairs",
      (sum(view_to_cart_sessions) / nullif(sum(view_sessions), 0))::DOUBLE AS "viewToCartRate",
      (sum(cart_to_purchase_sessions) / nullif(sum(cart_sessions), 0))::DOUBLE AS "cartToPurchaseRate",
      (sum(view_to_purchase_sessions) / nullif(sum(view_sessions), 0))::DOUBLE AS "viewToPurchaseRate",
      coalesce(sum(revenue), 0)::DOUBLE AS "revenue"
    FROM ${table}
    GROUP BY ${column}
    HAVING sum(view_sessions) > 0
    ORDER BY "viewPairs" DESC, "name"
    ${limit ? `LIMIT ${limit}` : ""}`,
    [missingLabel],
  );
}

async function readRankedProducts(
  warehouse: DuckdbWarehouse,
  tables: ReportTables,
  minimumViews: number,
  order: string,
): Promise<ProductConversionRow[]> {
  return queryRows<ProductConversionRow>(
    warehouse,
    `
    SELECT
      product_id::VARCHAR AS "productId",
      coalesce(category_main, ?) AS "category",
      coalesce(brand, ?) AS "brand",
      view_sessions::DOUBLE AS "viewSessions",
      purchase_sessions::DOUBLE AS "purchaseSessions",
      view_to_purchase_rate::DOUBLE AS "viewToPurchaseRate",
      revenue::DOUBLE AS "revenue"
    FROM ${tables.mart("product_conversion")}
    WHERE view_sessions >= ${minimumViews} AND view_to_purchase_rate IS NOT NULL
    ORDER BY ${order}, product_id
    LIMIT ${PRODUCTS_SHOWN}`,
    [NO_CATEGORY, NO_BRAND],
  );
}

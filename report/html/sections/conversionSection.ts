/** Conversion by category and brand, and the products that convert best and worst. */
import type { ReportCharts } from "../../charts/renderReportCharts.js";
import { formatCount, formatMoney, formatPercent } from "../../format.js";
import type { ConversionSection, DimensionConversion, ProductConversionRow } from "../../reportData.js";
import { card, chartFigure, dataTable, grid, section, type TableColumn } from "../components.js";
import { html, type SafeHtml } from "../safeHtml.js";

const rateColumn = (title: string, rate: (row: DimensionConversion) => number | null): TableColumn<DimensionConversion> => ({
  title,
  numeric: true,
  cell: (row) => formatPercent(rate(row)),
  sortValue: (row) => rate(row) ?? -1,
});

const BRAND_COLUMNS: TableColumn<DimensionConversion>[] = [
  { title: "Brand", cell: (row) => row.name },
  { title: "Viewed pairs", numeric: true, cell: (row) => formatCount(row.viewPairs), sortValue: (row) => row.viewPairs },
  rateColumn("View → cart", (row) => row.viewToCartRate),
  rateColumn("Cart → buy", (row) => row.cartToPurchaseRate),
  rateColumn("View → buy", (row) => row.viewToPurchaseRate),
  { title: "Revenue", numeric: true, cell: (row) => formatMoney(row.revenue), sortValue: (row) => row.revenue },
];

const PRODUCT_COLUMNS: TableColumn<ProductConversionRow>[] = [
  { title: "Product", cell: (row) => row.productId },
  { title: "Category", cell: (row) => row.category },
  { title: "Brand", cell: (row) => row.brand },
  { title: "Viewing sessions", numeric: true, cell: (row) => formatCount(row.viewSessions), sortValue: (row) => row.viewSessions },
  { title: "View → buy", numeric: true, cell: (row) => formatPercent(row.viewToPurchaseRate), sortValue: (row) => row.viewToPurchaseRate },
  { title: "Revenue", numeric: true, cell: (row) => formatMoney(row.revenue), sortValue: (row) => row.revenue },
];

export function conversionSection(conversion: ConversionSection, charts: ReportCharts): SafeHtml {
  const brandCaption =
    conversion.brandCount > conversion.brands.length
      ? `The ${conversion.brands.length} most viewed of ${formatCount(conversion.brandCount)} brands. Click a column to sort.`
      : "Every brand. Click a column to sort.";
  const productRule = `Products viewed in at least ${formatCount(conversion.productMinimumViews)} sessions (${formatCount(conversion.rankedProductCount)} products).`;
  return section({
    id: "conversion",
    title: "Conversion",
    intro: `Which categories, brands and products turn views into purchases? Rates are over session × product pairs: ${formatPercent(conversion.overallViewToPurchaseRate)} of viewed pairs were bought overall.`,
    body: html`${grid(
      chartFigure({
        id: "chart-category-conversion",
        title: "Conversion by category",
        question: "Which top-level categories turn views into purchases best, against the all-category rate?",
        svg: charts.categoryConversion,
      }),
      card(
        "Conversion by brand",
        "Which brands convert best at each step of the funnel?",
        dataTable({ caption: brandCaption, columns: BRAND_COLUMNS, rows: conversion.brands, sortable: true, scroll: true }),
        "table-brand-conversion",
      ),
    )}
${grid(
  card(
    "Best converting products",
    "Which products are bought most often once viewed?",
    dataTable({ caption: `${productRule} Ties go to the more viewed product.`, columns: PRODUCT_COLUMNS, rows: conversion.topProducts, sortable: true }),
    "table-top-products",
  ),
  card(
    "Worst converting products",
    "Which products do shoppers look at but rarely buy?",
    dataTable({ caption: `${productRule} Ties go to the more viewed product.`, columns: PRODUCT_COLUMNS, rows: conversion.bottomProducts, sortable: true }),
    "table-bottom-products",
  ),
)}`,
  });
}

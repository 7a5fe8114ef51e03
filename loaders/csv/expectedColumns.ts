/** The REES46 "eCommerce behavior data from multi category store" columns, in file order. */
export const EXPECTED_COLUMNS = [
  "event_time",
  "event_type",
  "product_id",
  "category_id",
  "category_code",
  "brand",
  "price",
  "user_id",
  "user_session",
] as const;

export type EventColumn = (typeof EXPECTED_COLUMNS)[number];

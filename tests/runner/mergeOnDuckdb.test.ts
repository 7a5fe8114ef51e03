/**
 * An incremental model with a unique key: BigQuery runs Dataform's MERGE; DuckDB deletes the rows the
 * new ones replace and inserts them, refusing what BigQuery's MERGE refuses, and prunes the target
 * by the range of an `updatePartitionFilter` of the form `P IN UNNEST(dates)`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProject } from "../../runner/runProject.js";
import { copyFixtureProject, shopOrdersSql, type FixtureProject } from "../support/fixtureProject.js";

const ORDERS = shopOrdersSql([
  "(1, 10, TIMESTAMPTZ '2024-01-01 10:00:00+00', 5.00, 'placed')",
  "(2, 10, TIMESTAMPTZ '2024-01-02 10:00:00+00', 4.00, 'placed')",
  "(3, 11, TIMESTAMPTZ '2024-01-03 10:00:00+00', 3.00, 'placed')",
]);

// Merges the orders of the dates that have an order not yet shipped in the target (a script variable).
const ORDERS_BY_DATES = `config {
  type: "incremental",
  uniqueKey: ["order_id"],
  bigquery: { partitionBy: "order_date", updatePartitionFilter: "order_date IN UNNEST(order_dates)" }
}

pre_operations {
  \${when(incremental(), \`DECLARE order_dates ARRAY<DATE> DEFAULT (
    SELECT ARRAY_AGG(DISTINCT order_date) FROM \${ref("stg_orders")} WHERE status != 'placed' OR order_id > 3
  )\`)}
}

SELECT order_id, order_date, status
FROM \${ref("stg_orders")}
\${when(incremental(), "WHERE order_date IN UNNEST(order_dates)")}
`;

let shop: FixtureProject;

async function runOrdersByDates() {
  const graph = await shop.compile();
  return runProject({ projectDir: shop.dir, warehousePath: shop.warehousePath, graph, selection: { actions: ["stg_orders", "orders_by_dates"] } });
}

const stored = () => shop.query("SELECT order_id::INT AS id, status FROM shop.orders_by_dates ORDER BY ALL");

beforeAll(async () => {
  shop = copyFixtureProject("shop");
  writeFileSync(join(shop.dir, "definitions/marts/orders_by_dates.sqlx"), ORDERS_BY_DATES);
  await shop.execute(ORDERS);
  expect((await runOrdersByDates()).result.status).toBe("successful");
});
afterAll(() => shop.remove());

describe("a MERGE on DuckDB", () => {
  it("replaces the rows with the key of a new row and inserts the rest, within the partition filter", async () => {
    await shop.execute(`
      UPDATE src.orders SET status = 'shipped' WHERE order_id = 3;
      INSERT INTO src.orders VALUES (4, 12, TIMESTAMPTZ '2024-01-03 18:00:00+00', 2.00, 'placed')`);
    const { result, planned } = await runOrdersByDates();
    expect(result.status).toBe("successful");
    expect(await stored()).toEqual([
      { id: 1, status: "placed" },
      { id: 2, status: "placed" },
      { id: 3, status: "shipped" },
      { id: 4, status: "placed" },
    ]);
    const statements = planned.find((action) => action.action.target.name === "orders_by_dates")!.tasks[0]!.duckdbSql.join("\n");
    expect(statements).toMatch(/DELETE FROM "shop"\."orders_by_dates" AS DATAFORM_DEST USING/);
    expect(statements).toContain(`DATAFORM_DEST."order_date" BETWEEN list_min(getvariable('order_dates')) AND list_max(getvariable('order_dates'))`);
  });

  it("accepts two existing rows with one key, each matched by one new row, as BigQuery does", async () => {
    await shop.execute(`
      INSERT INTO shop.orders_by_dates VALUES (2, DATE '2024-01-02', 'placed');
      UPDATE src.orders SET status = 'shipped' WHERE order_id = 2`);
    const { result } = await runOrdersByDates();
    expect(result.status).toBe("successful");
    expect(await stored()).toEqual([
      { id: 1, status: "placed" },
      { id: 2, status: "shipped" },
      { id: 3, status: "shipped" },
      { id: 4, status: "placed" },
    ]);
  });

  it("refuses, as BigQuery does, several new rows for one existing row, and leaves the table as it was", async () => {
    const before = await stored();
    expect(before).toHaveLength(4);
    await shop.execute(`INSERT INTO src.orders VALUES (3, 11, TIMESTAMPTZ '2024-01-03 11:00:00+00', 3.00, 'returned')`);
    const { result } = await runOrdersByDates();
    const merged = result.actions.find((action) => action.name.endsWith("orders_by_dates"))!;
    expect(merged.status).toBe("failed");
    expect(JSON.stringify(merged)).toMatch(/must match at most one source row for each target row.*the unique key \(order_id\) = \(3\)/);
    expect(await stored()).toEqual(before);
  });
});

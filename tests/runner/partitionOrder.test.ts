/**
 * A table BigQuery partitions (bigquery.partitionBy) is written in partition order on DuckDB, so that
 * date filters skip row groups by their min/max as BigQuery prunes partitions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partitionColumn } from "../../runner/execution/planActions.js";
import { runProject } from "../../runner/runProject.js";
import { copyFixtureProject, type FixtureProject } from "../support/fixtureProject.js";

// Newest first, so that a table written in the source's order is out of partition order.
const ORDERS_NEWEST_FIRST = `
  CREATE SCHEMA IF NOT EXISTS src;
  CREATE OR REPLACE TABLE src.orders AS
  SELECT
    day AS order_id,
    10 + day % 3 AS customer_id,
    TIMESTAMPTZ '2024-03-01 12:00:00+00' - to_days(day) AS ordered_at,
    1.00::DECIMAL(10, 2) AS amount,
    'placed' AS status
  FROM range(1, 61) AS days(day)`;

let shop: FixtureProject;

beforeAll(async () => {
  shop = copyFixtureProject("shop");
  await shop.execute(ORDERS_NEWEST_FIRST);
});
afterAll(() => shop.remove());

describe("a table partitioned on BigQuery", () => {
  it("is written in partition order, whatever order its query returns", async () => {
    const graph = await shop.compile();
    const { result, planned } = await runProject({ projectDir: shop.dir, warehousePath: shop.warehousePath, graph, selection: { actions: ["stg_orders"] } });
    expect(result.status).toBe("successful");
    expect(planned[0]!.tasks[0]!.duckdbSql.join("\n")).toMatch(/ORDER BY "order_date"\s*;?\s*$/m);

    const stored = await shop.query<{ order_date: string }>("SELECT order_date::VARCHAR AS order_date FROM shop_staging.stg_orders ORDER BY rowid");
    expect(stored).toHaveLength(60);
    const dates = stored.map((row) => row.order_date);
    expect(dates).toEqual([...dates].sort());
  });

  it("keeps a table without partitions in the order its query wrote", async () => {
    const { planned } = await runProject({
      projectDir: shop.dir,
      warehousePath: shop.warehousePath,
      graph: await shop.compile(),
      dryRun: true,
      selection: { actions: ["customer_totals"] },
    });
    expect(planned[0]!.tasks[0]!.duckdbSql.join("\n")).not.toMatch(/AS partitioned ORDER BY/);
  });
});

describe("the column a partitioning expression orders by", () => {
  it("is the partition's column, inside the usual partitioning functions", () => {
    expect(partitionColumn("event_date")).toBe("event_date");
    expect(partitionColumn("DATE(event_time)")).toBe("event_time");
    expect(partitionColumn("TIMESTAMP_TRUNC(loaded_at, DAY)")).toBe("loaded_at");
    expect(partitionColumn("RANGE_BUCKET(customer_id, GENERATE_ARRAY(0, 100, 10))")).toBe("customer_id");
    expect(partitionColumn("`session_date`")).toBe("session_date");
  });

  it("is none for ingestion-time partitioning, which has no column", () => {
    expect(partitionColumn("_PARTITIONDATE")).toBeUndefined();
    expect(partitionColumn("TIMESTAMP_TRUNC(_PARTITIONTIME, DAY)")).toBeUndefined();
  });
});

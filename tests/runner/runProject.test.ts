/**
 * The local runner on the `shop` fixture project: every action type, incremental strategy and
 * failure path, checked on the tables it leaves in the warehouse.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProject, type RunProjectOptions } from "../../runner/runProject.js";
import type { ActionOutcome } from "../../runner/execution/runActions.js";
import { copyFixtureProject, shopOrdersSql, type FixtureProject } from "../support/fixtureProject.js";

const SOURCE_ORDERS = shopOrdersSql([
  "(1, 10, TIMESTAMPTZ '2024-01-01 10:15:00+00', 5.50, 'placed')",
  "(2, 10, TIMESTAMPTZ '2024-01-02 11:20:00+00', 4.50, 'placed')",
  "(3, 11, TIMESTAMPTZ '2024-01-03 12:30:00+00', 1.00, 'placed')",
]);

let shop: FixtureProject;

async function run(options: Partial<RunProjectOptions> & { vars?: Record<string, string> } = {}) {
  const graph = await shop.compile(options.vars ?? {});
  const { result, planned } = await runProject({ projectDir: shop.dir, warehousePath: shop.warehousePath, graph, ...options });
  const byName = new Map<string, ActionOutcome>(result.actions.map((action) => [action.name.split(".").slice(1).join("."), action]));
  return { result, planned, action: (name: string) => byName.get(name)! };
}

beforeAll(async () => {
  shop = copyFixtureProject("shop");
  await shop.execute(SOURCE_ORDERS);
});
afterAll(() => shop.remove());

describe("first run of the shop project", () => {
  it("builds every action in dependency order and reports each status", async () => {
    const { result, action } = await run();
    expect(result.status).toBe("successful");
    expect(action("shop_staging.stg_orders")).toMatchObject({ status: "successful", writeMode: "create" });
    expect(action("shop.legacy_report").status).toBe("disabled");
    // A disabled dependency counts as success, as in Dataform.
    expect(action("shop.after_disabled").status).toBe("successful");
    expect(result.actions.filter((a) => a.kind === "assertion").every((a) => a.status === "successful")).toBe(true);
  });

  it("creates tables and views with the right contents and types", async () => {
    expect(await shop.query("SELECT customer_id::INT AS c, orders::INT AS n, total_amount::DOUBLE AS total FROM shop.customer_totals ORDER BY 1")).toEqual([
      { c: 10, n: 2, total: 10 },
      { c: 11, n: 1, total: 1 },
    ]);
    const types = await shop.query<{ table_name: string; table_type: string }>(
      "SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('recent_orders', 'stg_orders', 'legacy_report') ORDER BY 1",
    );
    expect(types).toEqual([
      { table_name: "recent_orders", table_type: "VIEW" },
      { table_name: "stg_orders", table_type: "BASE TABLE" },
    ]);
  });

  it("creates the schemas it needs, including the assertion schema", async () => {
    const schemas = (await shop.query<{ schema_name: string }>("SELECT schema_name FROM information_schema.schemata")).map((row) => row.schema_name);
    expect(schemas).toEqual(expect.arrayContaining(["shop", "shop_staging", "shop_ops", "shop_assertions"]));
  });

  it("runs pre- and post-operations around the table (post-operations see the new table)", async () => {
    expect(await shop.query("SELECT rows_built::INT AS n FROM shop_staging.stg_orders_post_marker")).toEqual([{ n: 3 }]);
    expect(await shop.query("SELECT mode FROM shop.orders_merged_mode")).toEqual([{ mode: "full" }]);
  });

  it("runs each operation query as its own statement, in order", async () => {
    expect(await shop.query("SELECT orders::INT AS n FROM shop_ops.order_audit ORDER BY n DESC")).toEqual([{ n: 3 }, { n: -1 }]);
  });

  it("leaves assertion views in the assertion schema", async () => {
    const views = await shop.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop_assertions' ORDER BY 1",
    );
    expect(views.map((view) => view.table_name)).toEqual([
      "no_negative_totals",
      "shop_customer_totals_assertions_uniqueKey_0",
      "shop_staging_stg_orders_assertions_rowConditions",
      "shop_staging_stg_orders_assertions_uniqueKey_0",
    ]);
  });

  it("ignores BigQuery-only options locally but keeps them in the BigQuery SQL", async () => {
    const { planned } = await run({ dryRun: true, selection: { actions: ["stg_orders"] } });
    const task = planned[0]!.tasks[0]!;
    expect(task.bigquerySql).toContain("partition by order_date cluster by customer_id OPTIONS(friendly_name=\"Staged orders\")");
    expect(task.duckdbSql.join("\n")).not.toMatch(/partition by|cluster by|OPTIONS/i);
  });
});

describe("incremental runs", () => {
  beforeAll(async () => {
    await shop.execute(`
      UPDATE src.orders SET status = 'shipped' WHERE order_id = 3;
      INSERT INTO src.orders VALUES (4, 11, TIMESTAMPTZ '2024-01-03 18:45:00+00', 2.00, 'placed');`);
  });

  it("writes incrementally and uses the incremental pre-operations", async () => {
    const { result, action } = await run();
    expect(result.status).toBe("successful");
    expect(action("shop.orders_merged").writeMode).toBe("incremental");
    expect(await shop.query("SELECT mode FROM shop.orders_merged_mode")).toEqual([{ mode: "incremental" }]);
  });

  it("appends only new rows when there is no unique key", async () => {
    expect(await shop.query("SELECT order_id::INT AS id FROM shop.orders_appended ORDER BY 1")).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
  });

  it("merges on the unique key: updates changed rows, inserts new ones, translates the source query", async () => {
    expect(
      await shop.query("SELECT order_id::INT AS id, status, strftime(ordered_hour, '%H:%M') AS hour FROM shop.orders_merged ORDER BY 1"),
    ).toEqual([
      { id: 1, status: "placed", hour: "10:00" },
      { id: 2, status: "placed", hour: "11:00" },
      { id: 3, status: "shipped", hour: "12:00" },
      { id: 4, status: "placed", hour: "18:00" },
    ]);
  });

  it("applies incremental predicates to the MERGE match, so rows outside them are inserted again", async () => {
    // Order 1 (2024-01-01) is outside `order_date >= 2024-01-02`: BigQuery's MERGE inserts it again too.
    expect(await shop.query("SELECT order_id::INT AS id, count(*)::INT AS copies FROM shop.orders_predicated GROUP BY 1 ORDER BY 1")).toEqual([
      { id: 1, copies: 2 },
      { id: 2, copies: 1 },
      { id: 3, copies: 1 },
      { id: 4, copies: 1 },
    ]);
  });

  it("replaces whole partitions with INSERT_OVERWRITE and keeps the others", async () => {
    expect(
      await shop.query("SELECT order_date::VARCHAR AS d, revenue::DOUBLE AS revenue, orders::INT AS n FROM shop.daily_revenue ORDER BY 1"),
    ).toEqual([
      { d: "2024-01-01", revenue: 5.5, n: 1 },
      { d: "2024-01-02", revenue: 4.5, n: 1 },
      { d: "2024-01-03", revenue: 3, n: 2 },
    ]);
  });

  it("rebuilds unprotected incrementals on --full-refresh and appends to protected ones", async () => {
    await shop.execute("INSERT INTO src.orders VALUES (5, 12, TIMESTAMPTZ '2024-01-04 09:00:00+00', 7.00, 'placed')");
    const { action } = await run({ fullRefresh: true });
    expect(action("shop.orders_predicated").writeMode).toBe("create");
    expect(action("shop.orders_protected").writeMode).toBe("incremental");
    expect(await shop.query("SELECT count(*)::INT AS n, count(DISTINCT order_id)::INT AS ids FROM shop.orders_predicated")).toEqual([{ n: 5, ids: 5 }]);
    expect(await shop.query("SELECT order_id::INT AS id FROM shop.orders_protected ORDER BY 1")).toEqual(
      [1, 2, 3, 4, 5].map((id) => ({ id })),
    );
  });
});

describe("onSchemaChange", () => {
  it("EXTEND adds the new column and fills it; SYNCHRONIZE drops and adds; FAIL stops the action", async () => {
    const { result, action } = await run({ vars: { extra_column: "yes", drop_note: "yes" } });
    expect(action("shop.orders_extended")).toMatchObject({ status: "successful", writeMode: "incremental" });
    expect(await shop.query("SELECT DISTINCT note FROM shop.orders_extended")).toEqual([{ note: "extra" }]);

    const columns = await shop.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders_synchronized' ORDER BY ordinal_position",
    );
    expect(columns.map((column) => column.column_name)).toEqual(["order_id", "doubled"]);

    expect(result.status).toBe("failed");
    expect(action("shop.orders_strict").status).toBe("failed");
    expect(action("shop.orders_strict").error).toMatch(/orders_strict\.sqlx.*onSchemaChange is FAIL.*columns added: extra/s);
  });
});

describe("type fix-up between tables and views", () => {
  it("drops a view where a table must go and a table where a view must go", async () => {
    await shop.execute(`
      DROP TABLE shop.customer_totals; CREATE VIEW shop.customer_totals AS SELECT 1 AS customer_id;
      DROP VIEW shop_staging.recent_orders; CREATE TABLE shop_staging.recent_orders AS SELECT 1 AS x;`);
    const { result } = await run({ selection: { actions: ["customer_totals", "recent_orders"] } });
    expect(result.status).toBe("successful");
    expect(
      await shop.query("SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('customer_totals', 'recent_orders') ORDER BY 1"),
    ).toEqual([
      { table_name: "customer_totals", table_type: "BASE TABLE" },
      { table_name: "recent_orders", table_type: "VIEW" },
    ]);
  });

  it("rebuilds an incremental whose target is currently a view", async () => {
    await shop.execute("DROP TABLE shop.orders_appended; CREATE VIEW shop.orders_appended AS SELECT 1 AS order_id");
    const { action } = await run({ selection: { actions: ["orders_appended"] } });
    expect(action("shop.orders_appended")).toMatchObject({ status: "successful", writeMode: "create" });
    expect(await shop.query("SELECT count(*)::INT AS n FROM shop.orders_appended")).toEqual([{ n: 5 }]);
  });
});

describe("failures", () => {
  it("names the action, its SQLX file and the database error, skips every dependent and keeps the old table", async () => {
    const { result, action } = await run({ vars: { break_orders: "yes" } });
    expect(result.status).toBe("failed");
    const failed = action("shop_staging.stg_orders");
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/^fixture-project\.shop_staging\.stg_orders \(definitions\/staging\/stg_orders\.sqlx\) failed: duckdb error: .*no_such_column/s);
    // Children and grandchildren are reported as skipped (Dataform drops grandchildren from its result).
    expect(action("shop.customer_totals").status).toBe("skipped");
    expect(action("shop_assertions.shop_customer_totals_assertions_uniqueKey_0").status).toBe("skipped");
    expect(action("shop.after_disabled").status).toBe("skipped");
    // The failed task ran in a transaction: the table and its pre-operation are as before.
    expect(await shop.query("SELECT count(*)::INT AS n FROM shop_staging.stg_orders")).toEqual([{ n: 5 }]);
  });

  it("fails an assertion that returns rows and keeps its view for inspection", async () => {
    await shop.execute("INSERT INTO src.orders VALUES (6, 13, TIMESTAMPTZ '2024-01-04 10:00:00+00', -3.00, 'refund')");
    const { result, action } = await run({ selection: { actions: ["stg_orders"], includeDependents: true } });
    expect(result.status).toBe("failed");
    const assertion = action("shop_assertions.shop_staging_stg_orders_assertions_rowConditions");
    expect(assertion.status).toBe("failed");
    expect(assertion.error).toContain("Assertion failed: query returned 1 row(s).");
    expect(await shop.query("SELECT failing_row_condition AS c, order_id::INT AS id FROM shop_assertions.shop_staging_stg_orders_assertions_rowConditions")).toEqual([
      { c: "amount >= 0", id: 6 },
    ]);
    // no_negative_totals depends on customer_totals, not on stg_orders' assertion: it runs and fails too.
    expect(action("shop_assertions.no_negative_totals").status).toBe("failed");
  });

  it("--disable-assertions turns every assertion into a disabled action", async () => {
    const { result } = await run({ disableAssertions: true, selection: { tags: ["daily"] } });
    const assertions = result.actions.filter((a) => a.kind === "assertion");
    expect(assertions.length).toBe(4);
    expect(assertions.every((a) => a.status === "disabled")).toBe(true);
    expect(result.status).toBe("successful");
  });
});

describe("--dry-run", () => {
  it("plans every action without touching the warehouse", async () => {
    await shop.execute("DROP TABLE shop.customer_totals");
    const { result, planned } = await run({ dryRun: true });
    expect(result.status).toBe("successful");
    expect(planned.find((plan) => plan.action.target.name === "customer_totals")!.tasks[0]!.duckdbSql.join("\n")).toContain(
      'CREATE OR REPLACE TABLE "shop"."customer_totals" AS',
    );
    expect(await shop.query("SELECT count(*)::INT AS n FROM information_schema.tables WHERE table_name = 'customer_totals'")).toEqual([{ n: 0 }]);
  });
});

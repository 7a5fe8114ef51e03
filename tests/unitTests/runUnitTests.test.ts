/** `clickstream test` on the shop fixture: Dataform compiles the test queries, DuckDB runs them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runUnitTests } from "../../runner/unitTests/runUnitTests.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { copyFixtureProject, type FixtureProject } from "../support/fixtureProject.js";

let shop: FixtureProject;
let warehouse: DuckdbWarehouse;

beforeAll(async () => {
  shop = copyFixtureProject("shop");
  warehouse = await DuckdbWarehouse.open(":memory:");
});
afterAll(() => {
  warehouse.close();
  shop.remove();
});

describe("runUnitTests", () => {
  it("passes a test whose expected rows match the model run on its inputs", async () => {
    const graph = await shop.compile();
    const [outcome] = await runUnitTests(graph.tests ?? [], warehouse);
    expect(outcome).toMatchObject({ name: "customer_totals_test", status: "passed", messages: [] });
  });

  it("fails with Dataform's message and a row diff when they differ", async () => {
    const graph = await shop.compile({ break_test: "yes" });
    const [outcome] = await runUnitTests(graph.tests ?? [], warehouse);
    expect(outcome!.status).toBe("failed");
    expect(outcome!.messages).toEqual(['For row 0 and column "orders": expected 3, but saw 2.']);
    expect(outcome!.diff).toContain('| expected | 10          | 3*');
  });

  it("reports a query error as a failed test", async () => {
    const [outcome] = await runUnitTests(
      [{ name: "broken", fileName: "definitions/tests/broken.sqlx", testQuery: "SELECT * FROM missing_table", expectedOutputQuery: "SELECT 1" }],
      warehouse,
    );
    expect(outcome!.status).toBe("failed");
    expect(outcome!.messages[0]).toMatch(/^Error thrown: .*missing_table/);
  });
});

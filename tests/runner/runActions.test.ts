/** The scheduler on synthetic actions: ordering, concurrency, retries, skips, assertions. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphAction } from "../../runner/graph/actionGraph.js";
import type { PlannedAction, PlannedTask } from "../../runner/execution/planActions.js";
import { runActions } from "../../runner/execution/runActions.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";

let warehouse: DuckdbWarehouse;
beforeAll(async () => {
  warehouse = await DuckdbWarehouse.open(":memory:");
});
afterAll(() => warehouse.close());

function action(name: string, dependencies: string[] = []): GraphAction {
  return {
    kind: "operation",
    name,
    target: { schema: "s", name },
    fileName: `definitions/${name}.sqlx`,
    tags: [],
    dependencies,
    disabled: false,
    operation: { target: { schema: "s", name }, fileName: `definitions/${name}.sqlx` },
  };
}

function task(run: PlannedTask["run"], type: PlannedTask["type"] = "statement"): PlannedTask {
  return { type, bigquerySql: "select 1", duckdbSql: ["select 1"], run };
}

const ok = () => task(async () => ({}));
const failing = (message = "boom") => task(async () => Promise.reject(new Error(message)));

describe("runActions", () => {
  it("runs dependencies before dependents and independent actions at the same time", async () => {
    const events: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const tracked = (name: string) =>
      task(async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        events.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        events.push(`end ${name}`);
        running--;
        return {};
      });
    const planned: PlannedAction[] = [
      { action: action("c", ["a", "b"]), tasks: [tracked("c")] },
      { action: action("a"), tasks: [tracked("a")] },
      { action: action("b"), tasks: [tracked("b")] },
    ];
    const result = await runActions(planned, warehouse, { concurrency: 4, retryLimit: 0, dryRun: false });
    expect(result.status).toBe("successful");
    expect(maxRunning).toBe(2);
    expect(events.indexOf("start c")).toBeGreaterThan(Math.max(events.indexOf("end a"), events.indexOf("end b")));
    // Results keep the planned order, not the completion order.
    expect(result.actions.map((outcome) => outcome.name)).toEqual(["c", "a", "b"]);
  });

  it("never runs more actions at once than the concurrency limit", async () => {
    let running = 0;
    let maxRunning = 0;
    const slow = () =>
      task(async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        return {};
      });
    const planned = ["a", "b", "c", "d", "e"].map((name) => ({ action: action(name), tasks: [slow()] }));
    await runActions(planned, warehouse, { concurrency: 2, retryLimit: 0, dryRun: false });
    expect(maxRunning).toBe(2);
  });

  it("retries a failing task --action-retry-limit times, then gives up", async () => {
    let attempts = 0;
    const flaky = task(async () => {
      attempts++;
      if (attempts < 3) throw new Error("transient");
      return {};
    });
    const succeeded = await runActions([{ action: action("a"), tasks: [flaky] }], warehouse, { concurrency: 1, retryLimit: 2, dryRun: false });
    expect(succeeded.actions[0]).toMatchObject({ status: "successful", tasks: [{ attempts: 3 }] });

    attempts = 0;
    const failed = await runActions([{ action: action("a"), tasks: [flaky] }], warehouse, { concurrency: 1, retryLimit: 1, dryRun: false });
    expect(failed.actions[0]).toMatchObject({ status: "failed", tasks: [{ attempts: 2, status: "failed" }] });
  });

  it("skips the remaining tasks of a failed action and every transitive dependent", async () => {
    const planned: PlannedAction[] = [
      { action: action("a"), tasks: [failing("table missing"), ok()] },
      { action: action("b", ["a"]), tasks: [ok()] },
      { action: action("c", ["b"]), tasks: [ok()] },
      { action: action("d"), tasks: [ok()] },
    ];
    const result = await runActions(planned, warehouse, { concurrency: 4, retryLimit: 0, dryRun: false });
    expect(result.status).toBe("failed");
    const [a, b, c, d] = result.actions;
    expect(a).toMatchObject({ status: "failed", error: "a (definitions/a.sqlx) failed: duckdb error: table missing" });
    expect(a!.tasks.map((t) => [t.status, t.error])).toEqual([
      ["failed", "duckdb error: table missing"],
      ["skipped", "Task skipped after cancellation"],
    ]);
    expect(b!.status).toBe("skipped");
    expect(c!.status).toBe("skipped");
    expect(d!.status).toBe("successful");
  });

  it("treats a disabled dependency as success and ignores dependencies outside the graph", async () => {
    const planned: PlannedAction[] = [
      { action: { ...action("a"), disabled: true }, tasks: [] },
      { action: action("b", ["a", "not_selected"]), tasks: [ok()] },
    ];
    const result = await runActions(planned, warehouse, { concurrency: 1, retryLimit: 0, dryRun: false });
    expect(result.actions.map((outcome) => outcome.status)).toEqual(["disabled", "successful"]);
  });

  it("fails an assertion task that returns rows, without retrying it", async () => {
    let runs = 0;
    const assertion = task(async () => {
      runs++;
      return { rowCount: 2 };
    }, "assertion");
    const result = await runActions([{ action: action("a"), tasks: [assertion] }], warehouse, { concurrency: 1, retryLimit: 3, dryRun: false });
    expect(result.actions[0]!.error).toContain("Assertion failed: query returned 2 row(s).");
    expect(runs).toBe(1);
  });

  it("rolls back a failed task's statements", async () => {
    await warehouse.connection.run("CREATE TABLE rollback_probe (x INT)");
    const halfDone = task(async (connection) => {
      await connection.run("INSERT INTO rollback_probe VALUES (1)");
      throw new Error("second statement failed");
    });
    await runActions([{ action: action("a"), tasks: [halfDone] }], warehouse, { concurrency: 1, retryLimit: 0, dryRun: false });
    expect((await warehouse.query("SELECT count(*)::INT AS n FROM rollback_probe"))[0]).toEqual({ n: 0 });
  });

  it("runs nothing in a dry run and reports a plan error as the action's failure", async () => {
    let ran = false;
    const planned: PlannedAction[] = [
      { action: action("a"), tasks: [task(async () => ((ran = true), {}))] },
      { action: action("b"), tasks: [], planError: "definitions/b.sqlx: BigQuery construct HLL_COUNT.MERGE() cannot run on DuckDB" },
    ];
    const result = await runActions(planned, warehouse, { concurrency: 1, retryLimit: 0, dryRun: true });
    expect(ran).toBe(false);
    expect(result.actions[0]!.status).toBe("successful");
    expect(result.actions[1]).toMatchObject({ status: "failed", error: expect.stringContaining("HLL_COUNT.MERGE") });
  });
});

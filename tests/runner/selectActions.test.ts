import { describe, expect, it } from "vitest";
import { ActionSelectionError, graphActions, selectActions } from "../../runner/graph/actionGraph.js";
import type { CompiledGraph } from "../../runner/graph/compiledGraph.js";

const target = (schema: string, name: string) => ({ database: "p", schema, name });

const GRAPH: CompiledGraph = {
  projectConfig: {},
  tables: [
    { type: "table", target: target("staging", "stg_a"), fileName: "a.sqlx", query: "", tags: ["staging"], dependencyTargets: [target("raw", "src")] },
    { type: "table", target: target("marts", "mart_b"), fileName: "b.sqlx", query: "", tags: ["daily"], dependencyTargets: [target("staging", "stg_a")] },
    { type: "view", target: target("marts", "view_c"), fileName: "c.sqlx", query: "", dependencyTargets: [target("marts", "mart_b")] },
    { type: "table", target: target("other", "mart_b"), fileName: "d.sqlx", query: "" },
  ],
  assertions: [
    { target: target("assertions", "marts_mart_b_assertions_uniqueKey_0"), fileName: "b.sqlx", query: "", tags: ["daily"], dependencyTargets: [target("marts", "mart_b")] },
  ],
  operations: [{ target: target("ops", "cleanup"), fileName: "e.sqlx", queries: ["select 1"], dependencyTargets: [target("marts", "view_c")] }],
  declarations: [{ target: target("raw", "src") }],
};

const names = (selection: Parameters<typeof selectActions>[1]) =>
  selectActions(graphActions(GRAPH), selection).map((action) => `${action.target.schema}.${action.target.name}`);

describe("selectActions (dataform run --actions/--tags/--include-*)", () => {
  it("keeps everything, in tables-operations-assertions order, when nothing is selected", () => {
    expect(names({})).toEqual(["staging.stg_a", "marts.mart_b", "marts.view_c", "other.mart_b", "ops.cleanup", "assertions.marts_mart_b_assertions_uniqueKey_0"]);
  });

  it("matches a bare name on the last component, without pulling in the action's own assertions", () => {
    expect(names({ actions: ["stg_a"] })).toEqual(["staging.stg_a"]);
  });

  it("refuses an ambiguous bare name and accepts schema.name or database.schema.name", () => {
    expect(() => names({ actions: ["mart_b"] })).toThrow(/Ambiguous action name "mart_b".*p\.marts\.mart_b, p\.other\.mart_b/);
    expect(names({ actions: ["marts.mart_b"] })).toEqual(["marts.mart_b"]);
    expect(names({ actions: ["p.other.mart_b"] })).toEqual(["other.mart_b"]);
  });

  it("fails with a suggestion when nothing matches (Dataform ignores it silently)", () => {
    expect(() => names({ actions: ["stg_x"] })).toThrow(ActionSelectionError);
    expect(() => names({ actions: ["mart"] })).toThrow(/Did you mean: mart_b/);
  });

  it("supports * wildcards", () => {
    expect(names({ actions: ["stg_*"] })).toEqual(["staging.stg_a"]);
    expect(names({ actions: ["marts.*"] })).toEqual(["marts.mart_b", "marts.view_c"]);
  });

  it("adds tagged actions, inline assertions inheriting their parent's tags", () => {
    expect(names({ tags: ["daily"] })).toEqual(["marts.mart_b", "assertions.marts_mart_b_assertions_uniqueKey_0"]);
    expect(names({ actions: ["stg_a"], tags: ["daily"] })).toEqual([
      "staging.stg_a",
      "marts.mart_b",
      "assertions.marts_mart_b_assertions_uniqueKey_0",
    ]);
  });

  it("--include-deps adds transitive dependencies but never declarations", () => {
    expect(names({ actions: ["view_c"], includeDependencies: true })).toEqual(["staging.stg_a", "marts.mart_b", "marts.view_c"]);
  });

  it("--include-dependents adds transitive dependents, assertions included", () => {
    expect(names({ actions: ["marts.mart_b"], includeDependents: true })).toEqual([
      "marts.mart_b",
      "marts.view_c",
      "ops.cleanup",
      "assertions.marts_mart_b_assertions_uniqueKey_0",
    ]);
  });

  it("needs --actions or --tags for the --include flags", () => {
    expect(() => names({ includeDependencies: true })).toThrow(/need --actions or --tags/);
  });

  it("--disable-assertions marks every assertion disabled", () => {
    const actions = graphActions(GRAPH, { disableAssertions: true });
    expect(actions.filter((action) => action.kind === "assertion").every((action) => action.disabled)).toBe(true);
    expect(actions.filter((action) => action.kind !== "assertion").some((action) => action.disabled)).toBe(false);
  });
});

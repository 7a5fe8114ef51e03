/**
 * What a save changed: actions whose compiled form differs from the one last built, plus the
 * actions written in a saved file (or in the .ts a saved .js comes from).
 */
import { describe, expect, it } from "vitest";
import { actionFingerprints, changedActions } from "../../devloop/changedActions.js";
import type { CompiledGraph, CompiledTable } from "../../runner/graph/compiledGraph.js";

const table = (name: string, fileName: string, query: string): CompiledTable => ({
  type: "table",
  target: { schema: "marts", name },
  fileName,
  query,
  dependencyTargets: [{ schema: "staging", name: "events" }],
});

function graph(queries: { a?: string; b?: string; c?: string } = {}): CompiledGraph {
  return {
    projectConfig: {},
    tables: [
      table("a", "definitions/a.sqlx", queries.a ?? "SELECT 1 AS x"),
      table("b", "definitions/b.sqlx", queries.b ?? "SELECT 2 AS x"),
      ...(queries.c === undefined ? [] : [table("c", "definitions/generated.js", queries.c)]),
    ],
    assertions: [{ target: { schema: "assertions", name: "a_not_null" }, fileName: "definitions/a.sqlx", query: "SELECT * FROM a WHERE x IS NULL" }],
  };
}

describe("changedActions", () => {
  const built = actionFingerprints(graph({ c: "SELECT 3 AS x" }));

  it("nothing saved, nothing compiled differently: nothing to rebuild", () => {
    expect(changedActions(built, graph({ c: "SELECT 3 AS x" }), [])).toEqual({ changed: [], removed: [] });
  });

  it("an action that compiles differently is rebuilt, even if its file was not saved (an includes/ change)", () => {
    expect(changedActions(built, graph({ a: "SELECT 10 AS x", c: "SELECT 3 AS x" }), ["includes/constants.js"]).changed).toEqual(["marts.a"]);
  });

  it("a saved file rebuilds every action written in it, even when the text is the same", () => {
    expect(changedActions(built, graph({ c: "SELECT 3 AS x" }), ["definitions/a.sqlx"]).changed).toEqual(["marts.a", "assertions.a_not_null"]);
  });

  it("a saved .ts rebuilds the actions of the .js generated from it", () => {
    expect(changedActions(built, graph({ c: "SELECT 3 AS x" }), ["definitions/generated.ts"]).changed).toEqual(["marts.c"]);
  });

  it("a new action is rebuilt, a removed one is reported", () => {
    const withoutC = actionFingerprints(graph());
    expect(changedActions(withoutC, graph({ c: "SELECT 3 AS x" }), []).changed).toEqual(["marts.c"]);
    expect(changedActions(built, graph(), [])).toEqual({ changed: [], removed: ["marts.c"] });
  });
});

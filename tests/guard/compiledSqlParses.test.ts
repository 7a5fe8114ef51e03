/**
 * Production guard: every query the Dataform compiler emits for this project (and the fixture) must
 * parse as BigQuery SQL, so a syntax error is caught here rather than by a failed BigQuery job.
 */
import { Dialect, parse } from "@polyglot-sql/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileProject } from "../../runner/compile/compileProject.js";
import type { CompiledGraph } from "../../runner/graph/compiledGraph.js";
import { readableName } from "../../runner/graph/targets.js";
import { copyFixtureProject, REPOSITORY_ROOT, type FixtureProject } from "../support/fixtureProject.js";

interface CompiledQuery {
  where: string;
  sql: string;
}

function compiledQueries(graph: CompiledGraph): CompiledQuery[] {
  const queries: CompiledQuery[] = [];
  const add = (where: string, sql: string | undefined) => {
    if (sql && sql.trim() !== "") queries.push({ where, sql });
  };
  for (const table of graph.tables ?? []) {
    const name = `${readableName(table.target)} (${table.fileName})`;
    add(`${name} query`, table.query);
    add(`${name} incrementalQuery`, table.incrementalQuery);
    for (const [kind, ops] of Object.entries({
      preOps: table.preOps,
      postOps: table.postOps,
      incrementalPreOps: table.incrementalPreOps,
      incrementalPostOps: table.incrementalPostOps,
    })) {
      (ops ?? []).forEach((op, index) => add(`${name} ${kind}[${index}]`, op));
    }
  }
  for (const operation of graph.operations ?? []) {
    (operation.queries ?? []).forEach((query, index) => add(`${readableName(operation.target)} query[${index}]`, query));
  }
  for (const assertion of graph.assertions ?? []) add(`${readableName(assertion.target)} (${assertion.fileName})`, assertion.query);
  for (const test of graph.tests ?? []) {
    add(`${test.name} testQuery`, test.testQuery);
    add(`${test.name} expectedOutputQuery`, test.expectedOutputQuery);
  }
  return queries;
}

function parseErrors(queries: CompiledQuery[]): string[] {
  return queries.flatMap(({ where, sql }) => {
    const result = parse(sql, Dialect.BigQuery);
    return result.success ? [] : [`${where}: ${result.error}`];
  });
}

describe("every compiled query parses as BigQuery SQL", () => {
  let shop: FixtureProject;
  beforeAll(() => {
    shop = copyFixtureProject("shop");
  });
  afterAll(() => shop.remove());

  it("in this project", async () => {
    const queries = compiledQueries(await compileProject({ projectDir: REPOSITORY_ROOT }));
    expect(queries.length).toBeGreaterThan(50);
    expect(parseErrors(queries)).toEqual([]);
  });

  it("in this project's unit-test build, unit tests included", async () => {
    const graph = await compileProject({ projectDir: REPOSITORY_ROOT, vars: { unit_tests: "true" } });
    expect(graph.tests?.length).toBeGreaterThan(15);
    expect(parseErrors(compiledQueries(graph))).toEqual([]);
  });

  it("in the runner's fixture project", async () => {
    const queries = compiledQueries(await shop.compile());
    expect(queries.length).toBeGreaterThan(20);
    expect(parseErrors(queries)).toEqual([]);
  });

  it("catches a syntax error", () => {
    expect(parseErrors([{ where: "broken.sqlx", sql: "SELECT a,, b FROM t" }])).toEqual([
      expect.stringMatching(/^broken\.sqlx: Parse error/),
    ]);
  });
});

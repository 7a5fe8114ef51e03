/**
 * The pieces of the BigQuery check: positions mapped back to the edited file, script steps,
 * rewrites for this ZetaSQL build, and values that survive the trip to the reference engine.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locateInSource } from "../../runner/zetasql/locateInSource.js";
import { scriptSteps } from "../../runner/zetasql/scriptSteps.js";
import { rewriteForZetasqlBuild } from "../../runner/zetasql/zetasqlGapRewrites.js";
import { ZetasqlService } from "../../runner/zetasql/zetasqlService.js";
import { parseBigqueryType } from "../../runner/zetasql/zetasqlTypes.js";
import { canonicalFromDuckdb, canonicalFromValueProto, toValueProto } from "../../runner/zetasql/zetasqlValues.js";

describe("locateInSource", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "clickstream-locate-"));
    writeFileSync(
      join(dir, "model.sqlx"),
      ['config { type: "table" }', "", "SELECT", "  a,", "  b", 'FROM ${ref("source")}', "WHERE ${when(incremental(), \"x > 1\", \"TRUE\")}", "  AND c = 1"].join("\n"),
    );
    writeFileSync(join(dir, "action.js"), "// generated\n");
    writeFileSync(join(dir, "action.ts"), ["export const sql = `", "SELECT", "    total", "FROM t`;"].join("\n"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const compiled = ["", "SELECT", "  a,", "  b", "FROM `p.d.source`", "WHERE TRUE", "  AND c = 1"].join("\n");

  it("maps an identical line exactly, column included", () => {
    expect(locateInSource(dir, "model.sqlx", compiled, 7, 7)).toEqual({ file: "model.sqlx", line: 8, column: 7, lineText: "  AND c = 1", exact: true });
  });

  it("maps a line a substitution changed to its counterpart between identical neighbours", () => {
    expect(locateInSource(dir, "model.sqlx", compiled, 5, 6)).toMatchObject({ line: 6, exact: false, lineText: 'FROM ${ref("source")}' });
  });

  it("has no answer for lines of the statement Dataform wraps around the SQL", () => {
    const wrapped = `create or replace table \`p.d.model\` as ${compiled}`;
    expect(locateInSource(dir, "model.sqlx", wrapped, 1, 1)).toBeUndefined();
  });

  it("points a generated .js action at its TypeScript source", () => {
    expect(locateInSource(dir, "action.js", "\nSELECT\n  total\nFROM t", 3, 3)).toMatchObject({ file: "action.ts", line: 3, column: 5 });
  });
});

describe("scriptSteps", () => {
  it("turns DECLARE and SET into steps and flattens BEGIN ... END", () => {
    const steps = scriptSteps("DECLARE d ARRAY<DATE> DEFAULT (SELECT [DATE '2019-10-01']);\nBEGIN\n  SET d = [];\n  SELECT 1;\nEND;\nSELECT ';' AS semicolon");
    expect(steps.map((step) => step.kind)).toEqual(["declare", "set", "statement", "statement"]);
    expect(steps[0]).toMatchObject({ names: ["d"], typeSql: "ARRAY<DATE>", defaultSql: "(SELECT [DATE '2019-10-01'])" });
    expect(steps[3]).toMatchObject({ sql: "SELECT ';' AS semicolon" });
    expect(scriptSteps("SELECT 1;\n-- nothing after this\n")).toHaveLength(1);
  });

  it("marks the DECLAREs that follow another statement of their block, as BigQuery refuses them", () => {
    const steps = scriptSteps("DECLARE a INT64;\nDECLARE b INT64;\nBEGIN\n  DECLARE c INT64;\n  SELECT 1;\n  DECLARE d INT64;\nEND;\nDECLARE e INT64;\nBEGIN TRANSACTION;\nCOMMIT TRANSACTION");
    const declares = steps.flatMap((step) => (step.kind === "declare" ? [[step.names[0], step.afterOtherStatements]] : []));
    expect(declares).toEqual([
      ["a", false],
      ["b", false],
      ["c", false],
      ["d", true],
      ["e", true],
    ]);
  });
});

describe("rewrites for this ZetaSQL build", () => {
  it("writes MAX_BY/MIN_BY as ANY_VALUE ... HAVING and maps offsets back", () => {
    const original = "SELECT MAX_BY(a, b), MIN_BY(c, f(d, e)) FROM t";
    const rewritten = rewriteForZetasqlBuild(original);
    expect(rewritten.sql).toBe("SELECT ANY_VALUE(a HAVING MAX b), ANY_VALUE(c HAVING MIN f(d, e)) FROM t");
    expect(original.slice(rewritten.toOriginal(rewritten.sql.indexOf("FROM")))).toBe("FROM t");
    expect(rewritten.applied).toHaveLength(2);
  });
});

describe("values on the way to the reference engine and back", () => {
  let service: ZetasqlService;
  beforeAll(async () => {
    service = await ZetasqlService.start();
  }, 60_000);
  afterAll(() => service.close());

  it.each([
    ["NUMERIC", "-12.345"],
    ["NUMERIC", "99999999999999999999.999999999"],
    ["NUMERIC", "0.01"],
    ["TIMESTAMP", "2019-10-01 00:00:00.123456+00"],
    ["TIMESTAMP", "1969-12-31 23:59:59.5+00"],
    ["DATE", "2019-10-27"],
    ["INT64", "2053013555631882655"],
    ["ARRAY<DATE>", ["2019-10-01", "2019-10-02"]],
  ])("%s %s survives a query on the reference engine", async (typeText, value) => {
    const type = parseBigqueryType(typeText);
    const table = { name: "t", column: [{ name: "v", type }] };
    const result = await service.evaluate("SELECT v FROM t", { name: "c", table: [table], constant: [] }, new Map([["t", { rows: [[toValueProto(value, type)]] }]]));
    expect(canonicalFromValueProto(result.rows[0]![0]!, result.columns[0]!.type)).toEqual(canonicalFromDuckdb(value, type));
  });

  it("reads NUMERIC arithmetic the way BigQuery prints it", async () => {
    const result = await service.evaluate("SELECT NUMERIC '1.10' * 3 AS v", { name: "c", table: [], constant: [] }, new Map());
    expect(canonicalFromValueProto(result.rows[0]![0]!, result.columns[0]!.type)).toBe("3.3");
  });
});

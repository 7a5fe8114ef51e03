/** The compat layer's rewrites and the errors for constructs it cannot translate. */
import { describe, expect, it } from "vitest";
import { TranspileError } from "../../runner/transpile/errors.js";
import { decodeStringLiteral, lexBigquery } from "../../runner/transpile/lexBigquery.js";
import { rewriteBigqueryForDuckdb } from "../../runner/transpile/rewriteBigquery.js";
import { transpileExpression, transpileToDuckdb } from "../../runner/transpile/transpileToDuckdb.js";

describe("lexBigquery", () => {
  it("keeps strings, comments and quoted identifiers whole", () => {
    const tokens = lexBigquery("SELECT 'a--b', `p.d.t` -- note\n/* x */ \"q\"").filter((t) => t.kind !== "whitespace");
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ["identifier", "SELECT"],
      ["string", "'a--b'"],
      ["punctuation", ","],
      ["quotedIdentifier", "`p.d.t`"],
      ["comment", "-- note"],
      ["comment", "/* x */"],
      ["string", '"q"'],
    ]);
  });

  it("reads raw, bytes and triple-quoted literals and reports the line of an unterminated one", () => {
    expect(lexBigquery(`r'\\d' b'x' '''a'b'''`).filter((t) => t.kind !== "whitespace").map((t) => t.kind)).toEqual(["string", "bytes", "string"]);
    expect(() => lexBigquery("SELECT 1,\n'oops")).toThrow(/Unterminated string literal.*line 2/);
  });

  it("decodes BigQuery escapes", () => {
    expect(decodeStringLiteral(String.raw`'a\'b\n\u00e9\x41\101'`)).toBe("a'b\néAA");
    expect(decodeStringLiteral(String.raw`r'a\nb'`)).toBe("a\\nb");
  });
});

describe("rewriteBigqueryForDuckdb", () => {
  it("splits a backticked project.dataset.table and drops the project", () => {
    expect(rewriteBigqueryForDuckdb("SELECT * FROM `my-project.raw.events` JOIN `raw.users` USING (id)")).toBe(
      "SELECT * FROM `raw`.`events` JOIN `raw`.`users` USING (id)",
    );
  });

  it("takes the epoch fast path only for fixed-length units in UTC", () => {
    const rewrite = (sql: string) => rewriteBigqueryForDuckdb(sql);
    expect(rewrite("SELECT TIMESTAMP_TRUNC(t, HOUR)")).toBe("SELECT bq_timestamp_trunc_micros(t, 3600000000)");
    expect(rewrite("SELECT TIMESTAMP_TRUNC(t, DAY, 'UTC')")).toBe("SELECT bq_timestamp_trunc_micros(t, 86400000000)");
    expect(rewrite("SELECT TIMESTAMP_TRUNC(t, DAY, 'Europe/Berlin')")).toBe("SELECT TIMESTAMP_TRUNC(t, DAY, 'Europe/Berlin')");
    expect(rewrite("SELECT TIMESTAMP_TRUNC(t, MONTH)")).toBe("SELECT TIMESTAMP_TRUNC(t, MONTH)");
    expect(rewrite("SELECT TIMESTAMP_DIFF(a, b, MINUTE)")).toBe("SELECT bq_timestamp_diff_micros(a, b, 60000000)");
    expect(rewrite("SELECT TIMESTAMP_DIFF(a, b, WEEK)")).toBe("SELECT bq_timestamp_diff(a, b, 'WEEK')");
    expect(rewrite("SELECT DATE(t), DATE('2019-10-01')")).toBe("SELECT bq_date(t), DATE('2019-10-01')");
  });

  it("leaves text inside strings and comments alone", () => {
    const sql = "SELECT 'TIMESTAMP_DIFF(a, b, DAY)' -- SAFE.X(1)\n";
    expect(rewriteBigqueryForDuckdb(sql)).toBe(sql.trim());
  });

  it("turns the SAFE. prefix into TRY(), rewriting the inner call too", () => {
    expect(rewriteBigqueryForDuckdb("SELECT SAFE.PARSE_DATE('%F', s)")).toBe("SELECT TRY(bq_parse_date('%Y-%m-%d', s))");
    expect(rewriteBigqueryForDuckdb("SELECT SAFE.LOG(x, 0)")).toBe("SELECT TRY(LOG(x, 0))");
  });

  it("rewrites nested calls inside out", () => {
    expect(rewriteBigqueryForDuckdb("SELECT DATE_TRUNC(DATE_ADD(d, INTERVAL 1 DAY), WEEK)")).toBe(
      "SELECT bq_date_trunc_week(bq_date_add(d, INTERVAL 1 DAY), 0)",
    );
  });

  it("translates DECLARE and SET into DuckDB variables and references into getvariable()", () => {
    const script = "DECLARE cutoff DATE DEFAULT DATE '2024-01-01';\nSET cutoff = DATE_ADD(cutoff, INTERVAL 1 DAY);\nSELECT * FROM t WHERE d >= cutoff AND t.cutoff = 1";
    expect(rewriteBigqueryForDuckdb(script)).toBe(
      "SET cutoff = CAST(DATE '2024-01-01' AS DATE);\nSET cutoff = bq_date_add(getvariable('cutoff'), INTERVAL 1 DAY);\nSELECT * FROM t WHERE d >= getvariable('cutoff') AND t.cutoff = 1",
    );
  });

  it("refuses procedural scripting, procedures and BigQuery-only function families, naming them", () => {
    expect(() => rewriteBigqueryForDuckdb("BEGIN\n  SELECT 1;\nEND")).toThrow(/scripting statement BEGIN \(line 1\)/);
    expect(() => rewriteBigqueryForDuckdb("SELECT 1;\nIF x THEN SELECT 2; END IF")).toThrow(/scripting statement IF \(line 2\)/);
    expect(() => rewriteBigqueryForDuckdb("CREATE OR REPLACE PROCEDURE p() BEGIN END")).toThrow(/CREATE PROCEDURE/);
    expect(() => rewriteBigqueryForDuckdb("SELECT HLL_COUNT.MERGE(sketch) FROM t")).toThrow(/HLL_COUNT\.MERGE\(\).*HyperLogLog/);
    expect(() => rewriteBigqueryForDuckdb("SELECT ST_GEOGPOINT(1, 2)")).toThrow(/ST_GEOGPOINT\(\)/);
  });
});

describe("transpileToDuckdb", () => {
  it("names the model file when a construct cannot be translated", () => {
    expect(() => transpileToDuckdb("SELECT HLL_COUNT.INIT(x) FROM t", "definitions/marts/reach.sqlx")).toThrow(TranspileError);
    expect(() => transpileToDuckdb("SELECT HLL_COUNT.INIT(x) FROM t", "definitions/marts/reach.sqlx")).toThrow(
      /^definitions\/marts\/reach\.sqlx: BigQuery construct HLL_COUNT\.INIT\(\)/,
    );
  });

  it("names the model file when the SQL does not parse", () => {
    expect(() => transpileToDuckdb("SELECT FROM WHERE", "definitions/x.sqlx")).toThrow(/^definitions\/x\.sqlx: the BigQuery SQL could not be parsed/);
  });

  it("splits a script into statements and drops empty ones", () => {
    expect(transpileToDuckdb("SELECT 1;\n-- only a comment\n;SELECT 2;")).toEqual(["SELECT 1", "SELECT 2"]);
  });

  it("translates a predicate on its own", () => {
    expect(transpileExpression("DATAFORM_DEST.d >= DATE_SUB(CURRENT_DATE(), INTERVAL 3 DAY)")).toBe(
      "DATAFORM_DEST.d >= BQ_DATE_SUB(CURRENT_DATE, INTERVAL '3' DAY)",
    );
  });
});

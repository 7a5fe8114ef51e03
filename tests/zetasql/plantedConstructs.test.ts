/**
 * What BigQuery refuses but DuckDB accepts: each construct is planted in a model of a copy of this
 * project. `clickstream run` must refuse every one before running anything, naming the SQLX file
 * with the line and column of the construct; with --skip-check, DuckDB runs them all, which is
 * why the check exists.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyThisProject, type ProjectCopy } from "../support/projectCopy.js";
import { runCli, type CliResult } from "../support/runCli.js";

interface PlantedConstruct {
  kind: string;
  /** The line that carries the construct (the model's line 10). */
  line: string;
  /** Where ZetaSQL points: the construct's column on that line. */
  column: number;
  message: RegExp;
  /** The construct is in the model's pre_operations rather than its query. */
  inPreOperations?: true;
}

const CONSTRUCTS: PlantedConstruct[] = [
  { kind: "timestamp_vs_date", line: "WHERE event_time > DATE '2019-01-01'", column: 7, message: /No matching signature for operator > for argument types: TIMESTAMP, DATE/ },
  { kind: "int_vs_string", line: "WHERE product_id = '1'", column: 7, message: /No matching signature for operator = for argument types: INT64, STRING/ },
  { kind: "alias_in_where", line: "WHERE price_in_cents > 100", column: 7, message: /Unrecognized name: price_in_cents/ },
  { kind: "integer_as_condition", line: "WHERE 1", column: 7, message: /WHERE clause should return type BOOL, but returns INT64/ },
  { kind: "duckdb_type_name", line: "WHERE CAST(product_id AS VARCHAR) <> ''", column: 26, message: /Type not found: VARCHAR/ },
  { kind: "duckdb_function", line: "WHERE strftime(event_time, '%Y') = '2019'", column: 7, message: /Function not found: strftime/ },
  { kind: "ilike", line: "WHERE event_type ILIKE 'VIEW'", column: 18, message: /Syntax error: Expected end of input but got identifier "ILIKE"/ },
  { kind: "coalesce_mixed_types", line: "WHERE COALESCE(product_id, 'none') IS NOT NULL", column: 7, message: /No matching signature for function COALESCE for argument types: INT64, STRING/ },
  { kind: "array_equality", line: "WHERE SPLIT(category_code, '.') = ['a', 'b']", column: 7, message: /Equality is not defined for arguments of type ARRAY<STRING>/ },
  { kind: "count_distinct_two_columns", line: "WHERE (SELECT COUNT(DISTINCT product_id, event_type) FROM events) > 0", column: 15, message: /Number of arguments does not match for aggregate function COUNT/ },
  { kind: "timestamp_minus_timestamp", line: "WHERE event_time - event_time IS NOT NULL", column: 7, message: /No matching signature for operator - for argument types: TIMESTAMP, TIMESTAMP/ },
  { kind: "range_window_over_timestamp", line: "WHERE (SELECT COUNT(*) OVER (ORDER BY event_time RANGE BETWEEN INTERVAL 1 HOUR PRECEDING AND CURRENT ROW) FROM events LIMIT 1) > 0", column: 30, message: /ORDER BY key must be numeric in a RANGE-based window/ },
  { kind: "limit_expression", line: "LIMIT 1 + 1", column: 9, message: /Syntax error: Expected end of input but got "\+"/ },
  {
    kind: "declare_after_statement",
    line: "  DECLARE planted_limit INT64 DEFAULT 1;",
    column: 3,
    message: /Variable declarations are allowed only at the start of a block or script/,
    inPreOperations: true,
  },
];

/** Line 10 of every planted model holds the construct, after the same six lines of config. */
function plantedModel(construct: PlantedConstruct): string {
  const config = ["config {", '  type: "table",', '  schema: "marts",', `  description: "Planted: ${construct.kind}.",`, '  tags: ["planted"]', "}"];
  const body = construct.inPreOperations
    ? [
        "pre_operations {",
        "  CREATE TABLE IF NOT EXISTS marts.planted_state AS SELECT 1 AS n;",
        "  -- BigQuery wants every DECLARE of a script before its other statements.",
        construct.line,
        "}",
        "SELECT n FROM marts.planted_state LIMIT 1",
      ]
    : [
        "WITH events AS (SELECT TIMESTAMP '2019-10-01 10:00:00 UTC' AS event_time, 1 AS product_id, 'a.b' AS category_code, 'view' AS event_type)",
        "",
        "SELECT event_time, product_id, event_type, product_id * 100 AS price_in_cents FROM events",
        construct.line,
      ];
  return [...config, ...body, ""].join("\n");
}

describe("constructs BigQuery refuses and DuckDB accepts", () => {
  let project: ProjectCopy;
  let checked: CliResult;

  beforeAll(async () => {
    project = copyThisProject();
    for (const construct of CONSTRUCTS) project.write(`definitions/planted/${construct.kind}.sqlx`, plantedModel(construct));
    checked = await runCli(["run", "--project-dir", project.dir, "--warehouse", project.warehousePath, "--tags", "planted"]);
  }, 180_000);
  afterAll(() => project.remove());

  it("clickstream run refuses them before running anything", () => {
    expect(checked.exitCode).toBe(1);
    expect(checked.stdout + checked.stderr).toContain(`${CONSTRUCTS.length} refused`);
    expect(checked.stdout).not.toMatch(/Ran \d+ actions/);
  });

  it.each(CONSTRUCTS)("$kind: names the file, line and column, and says what BigQuery would say", (construct) => {
    const output = checked.stdout + checked.stderr;
    const location = `definitions/planted/${construct.kind}.sqlx:10:${construct.column}: `;
    const reported = output.split("\n").find((line) => line.includes(location));
    expect(reported, `no line with ${location} in:\n${output}`).toBeDefined();
    expect(reported).toMatch(construct.message);
  });

  it("clickstream check exits non-zero on them too, naming each file and line", async () => {
    const check = await runCli(["check", "--project-dir", project.dir, "--warehouse", project.warehousePath, "--tags", "planted"]);
    expect(check.exitCode).toBe(1);
    for (const construct of CONSTRUCTS) expect(check.stdout).toContain(`definitions/planted/${construct.kind}.sqlx:10:${construct.column}: `);
  }, 120_000);

  it("DuckDB runs every one of them when the check is skipped", async () => {
    const skipped = await runCli(["run", "--project-dir", project.dir, "--warehouse", project.warehousePath, "--tags", "planted", "--skip-check"]);
    expect(skipped.stderr).toBe("");
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stdout).toContain(`${CONSTRUCTS.length} successful`);
  }, 120_000);

  it("the analyst's case from the issue: a TIMESTAMP compared with a DATE in event_type_by_hour", async () => {
    const model = "definitions/marts/event_type_by_hour.sqlx";
    const original = project.read(model);
    const anchor = 'WHERE ${recompute.inDates(incremental(), "event_date", "hourly_dates")}';
    expect(original).toContain(anchor);
    project.write(model, original.replace(anchor, `${anchor}\n  AND event_hour > DATE '2019-01-01'`));
    const line = project.read(model).split("\n").indexOf("  AND event_hour > DATE '2019-01-01'") + 1;
    try {
      const result = await runCli(["run", "--project-dir", project.dir, "--warehouse", project.warehousePath, "--actions", "event_type_by_hour"]);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(`${model}:${line}:7: No matching signature for operator > for argument types: TIMESTAMP, DATE`);
      expect(result.stdout).toContain(`${line} |   AND event_hour > DATE '2019-01-01'`);
    } finally {
      project.write(model, original);
    }
  }, 120_000);
});

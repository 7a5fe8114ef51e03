/**
 * Errors in the analyst's terms: a SQL error of the local run names the SQLX file with the line and
 * column in that file, shows that line, and says where the SQL that ran was translated differently.
 * The expected positions are found in the edited file's own text, independently of the mapping.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locateDuckdbError, sqlTokens } from "../../runner/execution/locateSqlError.js";
import type { ActionOutcome } from "../../runner/execution/runActions.js";
import { copyThisProject, type ProjectCopy } from "../support/projectCopy.js";
import { runCli } from "../support/runCli.js";

const MODEL = "definitions/marts/event_type_by_hour.sqlx";

/** 1-based line and column of the first `needle` in `text` (after `from`, a line's text). */
function positionIn(text: string, needle: string): { line: number; column: number } {
  const lines = text.split("\n");
  const line = lines.findIndex((candidate) => candidate.includes(needle));
  expect(line, needle).toBeGreaterThanOrEqual(0);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

describe("a SQL error of the local run points at the line and column of the SQLX file", () => {
  let project: ProjectCopy;
  let original: string;
  let common: string[];

  beforeAll(async () => {
    project = copyThisProject();
    original = project.read(MODEL);
    const data = join(project.dir, "data");
    common = ["--project-dir", project.dir, "--warehouse", project.warehousePath, "--memory-limit", "1GB"];
    expect((await runCli(["generate", "--events", "2000", "--days", "2", "--out", data, "--quiet"])).exitCode).toBe(0);
    expect((await runCli(["load", data, ...common, "--quiet"])).exitCode).toBe(0);
    const built = await runCli(["run", "--actions", "event_type_by_hour", "--include-deps", "--skip-check", ...common, "--quiet"]);
    expect(built.exitCode, built.stderr).toBe(0);
  }, 180_000);

  afterAll(() => project?.remove());

  /** Runs the model with `edit` applied (skipping BigQuery's check, so that DuckDB's error surfaces). */
  async function failWith(edit: (text: string) => string): Promise<{ outcome: ActionOutcome; edited: string; stderr: string }> {
    const edited = edit(original);
    expect(edited).not.toBe(original);
    project.write(MODEL, edited);
    const run = await runCli(["run", "--actions", "event_type_by_hour", "--skip-check", "--json", ...common]);
    expect(run.exitCode).toBe(1);
    const outcome = (JSON.parse(run.stdout) as { actions: ActionOutcome[] }).actions[0]!;
    expect(outcome.status).toBe("failed");
    return { outcome, edited, stderr: run.stderr };
  }

  it("a DuckDB binder error (a misspelt column) names the file, line and column, and shows the line", async () => {
    const { outcome, edited, stderr } = await failWith((text) => text.replace("MAX(loaded_through)", "MAX(loaded_thru)"));
    expect(outcome.error).toMatch(/Binder Error: Referenced column "loaded_thru" not found/);
    const expected = positionIn(edited, "loaded_thru)");
    expect(outcome.location).toMatchObject({ file: MODEL, ...expected, lineText: "  MAX(loaded_thru) AS loaded_through" });
    expect(outcome.location?.ranAs).toBeUndefined();
    expect(stderr).toContain(`${MODEL}:${expected.line}:${expected.column}: DuckDB Binder Error: Referenced column "loaded_thru"`);
    expect(stderr).toContain(`${expected.line} |   MAX(loaded_thru) AS loaded_through\n`);
  }, 60_000);

  it("a DuckDB parser error (BigQuery's COLLATE, which DuckDB cannot parse) names the file, line and column", async () => {
    const { outcome, edited } = await failWith((text) => text.replace(/^ {2}event_type,$/m, "  COLLATE(event_type, 'und:ci') AS event_type,"));
    expect(outcome.error).toMatch(/Parser Error: syntax error at or near "COLLATE"/);
    expect(outcome.location).toMatchObject({ file: MODEL, ...positionIn(edited, "COLLATE(") });
  }, 60_000);

  it("a parse error of the BigQuery text (a doubled comma) names the file, line and column", async () => {
    const { outcome, edited } = await failWith((text) => text.replace("COUNT(*) AS event_count,", "COUNT(*) AS event_count,,"));
    expect(outcome.error).toMatch(/could not be parsed/);
    const line = positionIn(edited, "event_count,,");
    expect(outcome.location).toMatchObject({ file: MODEL, line: line.line, column: edited.split("\n")[line.line - 1]!.indexOf(",,") + 2 });
  }, 60_000);

  it("says so where the DuckDB SQL that ran differs from what was written", async () => {
    const { outcome, edited } = await failWith((text) => text.replace(/^ {2}event_date,$/m, "  DATE_TRUNC(event_dat, MONTH) AS event_date,"));
    expect(outcome.location).toMatchObject({ file: MODEL, ...positionIn(edited, "event_dat,") });
    expect(outcome.location?.ranAs).toMatch(/BQ_DATE_TRUNC\(event_dat, 'MONTH'\)/);
    expect(outcome.error).toContain("translated for DuckDB, this part differs from what was written");
  }, 60_000);
});

describe("finding the written token from the flattened DuckDB text", () => {
  const dir = mkdtempSync(join(tmpdir(), "locate-sql-error-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("picks the occurrence whose neighbourhood matches, not the first one with that name", () => {
    const source = ["config { type: \"table\" }", "SELECT", "  a,", "  b", "FROM t", "WHERE b > 1", "  AND b < a", ""].join("\n");
    writeFileSync(join(dir, "m.sqlx"), source);
    const compiled = ["SELECT", "  a,", "  b", "FROM t", "WHERE b > 1", "  AND b < a"].join("\n");
    const ran = 'SELECT a, b FROM "t" WHERE (b > 1) AND (b < a)';
    // DuckDB's caret on the third b.
    const caretAt = ran.lastIndexOf("b <");
    const message = `Binder Error: Something about b\n\nLINE 1: ${ran}\n${" ".repeat(8 + caretAt)}^`;
    const location = locateDuckdbError(dir, "m.sqlx", compiled, [ran], message);
    expect(location).toMatchObject({ file: "m.sqlx", line: 7, column: 7, lineText: "  AND b < a" });
  });

  it("reads DuckDB's truncated snippet (leading and trailing dots)", () => {
    const source = ["SELECT", "  first_column,", "  second_column,", "  missing_one", "FROM some_table", ""].join("\n");
    writeFileSync(join(dir, "n.sqlx"), source);
    const ran = "SELECT first_column, second_column, missing_one FROM some_table";
    const snippet = `...${ran.slice(10, 50)}...`;
    const caret = 8 + 3 + ran.indexOf("missing_one") - 10;
    const message = `Binder Error: Referenced column "missing_one" not found in FROM clause!\n\nLINE 1: ${snippet}\n${" ".repeat(caret)}^`;
    expect(locateDuckdbError(dir, "n.sqlx", source, [ran], message)).toMatchObject({ line: 4, column: 3 });
  });

  it("tokenizes BigQuery and DuckDB quoting alike", () => {
    const keys = (sql: string, dialect: "bigquery" | "duckdb") => sqlTokens(sql, dialect).map((token) => token.key);
    expect(keys("SELECT `p.ds.t`.a, \"x\" -- c\nFROM `p.ds.t`", "bigquery")).toEqual(["select", "p", "ds", "t", ".", "a", ",", "'x", "from", "p", "ds", "t"]);
    expect(keys('SELECT "ds"."t".a, \'x\' FROM "ds"."t"', "duckdb")).toEqual(["select", "ds", ".", "t", ".", "a", ",", "'x", "from", "ds", ".", "t"]);
  });
});

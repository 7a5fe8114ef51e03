/**
 * The dry-run estimate reads a pre-operation's DECLARE or SET to dry-run its expression on its own
 * (runner/bigquery/scriptVariables.ts), through the same script reading as the BigQuery check.
 */
import { describe, expect, it } from "vitest";
import { bareDeclaration, parseAssignment, parseDeclaration, usedDeclarations } from "../../runner/bigquery/scriptVariables.js";

describe("a DECLARE read for the dry-run estimate", () => {
  it("gives its names, type and DEFAULT, without a trailing comment or semicolon", () => {
    expect(parseDeclaration("DECLARE first_date, last_date DATE DEFAULT (SELECT MIN(d) FROM t) -- the range\n;")).toEqual({
      names: ["first_date", "last_date"],
      type: "DATE",
      defaultExpression: "(SELECT MIN(d) FROM t)",
    });
  });

  it("keeps '--' inside a string literal, which is not a comment", () => {
    const declaration = parseDeclaration("DECLARE dates ARRAY<DATE> DEFAULT (SELECT ARRAY_AGG(d) FROM t WHERE note = 'a -- b')");
    expect(declaration?.defaultExpression).toBe("(SELECT ARRAY_AGG(d) FROM t WHERE note = 'a -- b')");
  });

  it("ends its type at the type when a comment follows it, so the bare declaration keeps its semicolon", () => {
    const declaration = parseDeclaration("DECLARE checked_after TIMESTAMP -- set below");
    expect(declaration).toEqual({ names: ["checked_after"], type: "TIMESTAMP" });
    expect(bareDeclaration(declaration!)).toBe("DECLARE checked_after TIMESTAMP;");
  });

  it("is none for another statement, several statements, or a DECLARE without a type", () => {
    expect(parseDeclaration("SELECT 1")).toBeUndefined();
    expect(parseDeclaration("DECLARE a DATE; DECLARE b DATE")).toBeUndefined();
    expect(parseDeclaration("DECLARE a DEFAULT 1")).toBeUndefined();
  });
});

describe("a SET read for the dry-run estimate", () => {
  it("gives its variable and expression, without a trailing comment", () => {
    expect(parseAssignment("SET checked_through = (SELECT MAX(_loaded_at) FROM raw) -- the newest load")).toEqual({
      name: "checked_through",
      expression: "(SELECT MAX(_loaded_at) FROM raw)",
    });
  });
});

describe("the declarations a statement uses", () => {
  const declarations = [
    { names: ["dates", "dates_first"], type: "DATE" },
    { names: ["self_watermark"], type: "TIMESTAMP" },
    { names: ["quality_dates"], type: "ARRAY<DATE>" },
  ];
  const namesUsedBy = (statement: string) => usedDeclarations(statement, declarations).map((declaration) => declaration.names[0]);

  it("are those whose names it reads, in any case, as whole identifiers", () => {
    expect(namesUsedBy("SELECT * FROM t WHERE d >= DATES_FIRST AND loaded > self_watermark")).toEqual(["dates", "self_watermark"]);
    expect(namesUsedBy("SELECT dates_firstly, quality_dates_last FROM t")).toEqual([]);
  });

  it("leave out names inside strings, quoted identifiers and comments", () => {
    const statement = `SELECT 'self_watermark', """dates""", \`quality_dates\` FROM t -- dates_first
      /* self_watermark */ WHERE x = r'quality_dates'`;
    expect(namesUsedBy(statement)).toEqual([]);
  });
});

/**
 * The dry-run estimate reads a pre-operation's DECLARE or SET to dry-run its expression on its own
 * (runner/bigquery/scriptVariables.ts), through the same script reading as the BigQuery check.
 */
import { describe, expect, it } from "vitest";
import { bareDeclaration, parseAssignment, parseDeclaration } from "../../runner/bigquery/scriptVariables.js";

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

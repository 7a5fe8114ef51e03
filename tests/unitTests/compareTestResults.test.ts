/** Dataform's unit-test comparison rules, on hand-made results. */
import { describe, expect, it } from "vitest";
import { NumericValue, WrappedValue, type ResultTable } from "../../runner/unitTests/bigqueryValues.js";
import { compareTestResults } from "../../runner/unitTests/compareTestResults.js";
import { formatRowDiff } from "../../runner/unitTests/formatRowDiff.js";

const table = (columns: string[], ...rows: unknown[][]): ResultTable => ({
  columns,
  rows: rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index] as never]))),
});

describe("compareTestResults", () => {
  it("passes equal results, with column names compared case-insensitively and in any order", () => {
    const expected = table(["A", "b"], [1, "x"]);
    const actual = table(["B", "a"], ["x", 1]);
    expect(compareTestResults(expected, actual)).toEqual({ passed: true, messages: [], mismatches: [] });
  });

  it("passes two empty results whatever their columns", () => {
    expect(compareTestResults(table(["a"]), table(["b", "c"])).passed).toBe(true);
  });

  it("compares row counts first", () => {
    expect(compareTestResults(table(["a"], [1]), table(["a"], [1], [2])).messages).toEqual(["Expected 1 rows, but saw 2 rows."]);
  });

  it("compares the column sets", () => {
    expect(compareTestResults(table(["a"], [1]), table(["a", "b"], [1, 2])).messages).toEqual(["Expected 1 columns, but saw 2 columns."]);
    expect(compareTestResults(table(["a", "b"], [1, 2]), table(["a", "c"], [1, 2])).messages).toEqual([
      'Expected columns "a,b", but saw "a,c".',
    ]);
  });

  it("compares rows by position, not as sets", () => {
    const result = compareTestResults(table(["a"], [1], [2]), table(["a"], [2], [1]));
    expect(result.messages).toEqual([
      'For row 0 and column "a": expected 1, but saw 2.',
      'For row 1 and column "a": expected 2, but saw 1.',
    ]);
  });

  it("reports a type difference and stops checking that row, like Dataform", () => {
    const result = compareTestResults(table(["a", "b"], [1, 1]), table(["a", "b"], ["1", 2]));
    expect(result.messages).toEqual(['For row 0 and column "a": expected type "number", but saw type "string".']);
  });

  it("treats INT64 1 and FLOAT64 1.0 as equal numbers but NUMERIC as another type", () => {
    expect(compareTestResults(table(["a"], [1]), table(["a"], [1.0])).passed).toBe(true);
    expect(compareTestResults(table(["a"], [1]), table(["a"], [new NumericValue("1.000000000")])).messages[0]).toContain(
      'expected type "number", but saw type "object"',
    );
    expect(compareTestResults(table(["a"], [new NumericValue("10.50")]), table(["a"], [new NumericValue("10.5")])).passed).toBe(true);
  });

  it("compares dates and timestamps by value and null against a value as a mismatch", () => {
    const date = (value: string) => new WrappedValue("DATE", value);
    expect(compareTestResults(table(["d"], [date("2019-10-01")]), table(["d"], [date("2019-10-01")])).passed).toBe(true);
    expect(compareTestResults(table(["d"], [date("2019-10-01")]), table(["d"], [date("2019-10-02")])).messages).toEqual([
      'For row 0 and column "d": expected "2019-10-01", but saw "2019-10-02".',
    ]);
    expect(compareTestResults(table(["d"], [null]), table(["d"], [date("2019-10-02")])).messages).toEqual([
      'For row 0 and column "d": expected null, but saw "2019-10-02".',
    ]);
  });
});

describe("formatRowDiff", () => {
  it("shows expected and actual side by side and marks the differing cells", () => {
    const expected = table(["id", "name"], [1, "a"], [2, "b"]);
    const actual = table(["id", "name"], [1, "a"], [2, "c"]);
    const { mismatches } = compareTestResults(expected, actual);
    expect(formatRowDiff(expected, actual, mismatches)).toBe(
      [
        "row |          | id | name",
        "----+----------+----+-----",
        "0   | expected | 1  | \"a\"",
        "    | actual   | 1  | \"a\"",
        "1   | expected | 2  | \"b\"*",
        "    | actual   | 2  | \"c\"*",
      ].join("\n"),
    );
  });
});

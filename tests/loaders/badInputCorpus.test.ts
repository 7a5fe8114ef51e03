/**
 * The bad-input corpus (tests/fixtures/bad-input/): for each file, which rows load, which are
 * quarantined with which reason, or which clear error stops the load and changes nothing.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CorruptFileError, EmptyFileError, HeaderMismatchError } from "../../loaders/errors.js";
import { BAD_INPUT, openLoadHarness, type LoadHarness } from "../support/loadHarness.js";

let harness: LoadHarness;
beforeEach(async () => {
  harness = await openLoadHarness();
});
afterEach(() => harness.close());

const file = (name: string) => join(BAD_INPUT, name);
const everAnything = async () =>
  (await harness.rows<{ n: number }>(
    "SELECT (SELECT count(*) FROM raw.events) + (SELECT count(*) FROM raw.events_rejected) + (SELECT count(*) FROM raw.load_manifest) AS n",
  ))[0]!.n;
const rejected = () =>
  harness.rows<{ line: number; field: string | null; reason: string; raw_text: string }>(
    "SELECT _source_line::INT AS line, field, reason, raw_text FROM raw.events_rejected ORDER BY line",
  );
const loadedLines = async () =>
  (await harness.rows<{ line: number }>("SELECT _source_line::INT AS line FROM raw.events ORDER BY 1")).map((row) => row.line);

describe("files that stop the load with a clear error and change nothing", () => {
  it("wrong header: names the missing columns and line 1", async () => {
    const load = harness.load(file("wrong_header.csv"));
    await expect(load).rejects.toThrow(HeaderMismatchError);
    await expect(load).rejects.toThrow(/wrong_header\.csv: line 1 \(header\): missing column\(s\) event_time, event_type/);
    expect(await everAnything()).toBe("0");
  });

  it("reordered or extra header columns: refused unless --map-columns", async () => {
    await expect(harness.load(file("reordered_header.csv"))).rejects.toThrow(/columns in a different order.*--map-columns/);
    await expect(harness.load(file("extra_header_column.csv"))).rejects.toThrow(/unexpected column\(s\) source/);
    expect(await everAnything()).toBe("0");
  });

  it("empty file: no header", async () => {
    await expect(harness.load(file("empty.csv"))).rejects.toThrow(EmptyFileError);
    expect(await everAnything()).toBe("0");
  });

  it("lines ending in CR only (classic Mac): refused, naming the line ending", async () => {
    const load = harness.load(file("cr_only_line_endings.csv"));
    await expect(load).rejects.toThrow(HeaderMismatchError);
    await expect(load).rejects.toThrow(/cr_only_line_endings\.csv: line 1 \(header\): .*a carriage return \(CR\) that does not end the line \(lines must end in LF or CRLF\)/);
    expect(await everAnything()).toBe("0");
  });

  it("truncated gzip: refused before anything is loaded (DuckDB alone would load the readable half)", async () => {
    const load = harness.load(file("truncated.csv.gz"));
    await expect(load).rejects.toThrow(CorruptFileError);
    await expect(load).rejects.toThrow(/truncated\.csv\.gz: the file cannot be read to the end \(unexpected end of file\)/);
    expect(await everAnything()).toBe("0");
  });
});

describe("files that load, with invalid lines quarantined", () => {
  it("--map-columns matches columns by name and ignores extra ones", async () => {
    await harness.load(file("reordered_header.csv"), { mapColumns: true });
    await harness.load(file("extra_header_column.csv"), { mapColumns: true });
    expect(await harness.rows("SELECT event_type, product_id::INT AS product FROM raw.events ORDER BY _source_file")).toEqual([
      { event_type: "view", product: 3900821 },
      { event_type: "view", product: 3900821 },
    ]);
  });

  it("rows with missing or extra fields", async () => {
    const result = await harness.load(file("missing_and_extra_fields.csv"), { maxRejected: { kind: "percent", value: 100 } });
    expect(result).toMatchObject({ lines: 4, loaded: 2, rejected: 2 });
    expect(await loadedLines()).toEqual([2, 5]);
    const quarantined = await rejected();
    expect(quarantined.map((row) => [row.line, row.field, row.reason])).toEqual([
      [3, null, "missing columns: Expected Number of Columns: 9 Found: 8"],
      [4, null, "too many columns: Expected Number of Columns: 9 Found: 10"],
    ]);
    expect(quarantined[1]!.raw_text).toMatch(/,surplus$/);
  });

  it("unterminated quote: the rest of the file is one quarantined record, kept verbatim", async () => {
    const result = await harness.load(file("unterminated_quote.csv"), { maxRejected: { kind: "percent", value: 100 } });
    expect(result).toMatchObject({ lines: 2, loaded: 1, rejected: 1 });
    const [record] = await rejected();
    expect(record).toMatchObject({ line: 3, field: "category_code", reason: "unquoted value: Value with unterminated quote found." });
    expect(record!.raw_text.split("\n")).toHaveLength(2);
  });

  it("quoted fields with commas, newlines and doubled quotes load exactly; lines count records", async () => {
    const result = await harness.load(file("quoted_fields.csv"));
    expect(result).toMatchObject({ lines: 4, loaded: 4, rejected: 0 });
    expect(await harness.rows("SELECT _source_line::INT AS line, category_code, brand FROM raw.events ORDER BY line")).toEqual([
      { line: 2, category_code: "kids.toys, big", brand: "aqua" },
      { line: 3, category_code: "kids.toys\nbig", brand: "aqua" },
      { line: 4, category_code: "kids.toys", brand: 'say "hi"' },
      { line: 5, category_code: "appliances.environment.water_heater", brand: "aqua" },
    ]);
  });

  it("CRLF line endings, a UTF-8 byte order mark, no trailing newline, gzip", async () => {
    for (const name of ["crlf.csv", "bom.csv", "no_trailing_newline.csv", "complete.csv.gz"]) {
      expect(await harness.load(file(name)), name).toMatchObject({ lines: 2, loaded: 2, rejected: 0 });
    }
    expect(await harness.rows("SELECT DISTINCT user_session FROM raw.events")).toEqual([{ user_session: "9333dfbd-b87a-4708-9857-6336556b0fcc" }]);
  });

  it("mixed LF and CRLF line endings load (DuckDB alone fails on them), values without the CR", async () => {
    expect(await harness.load(file("mixed_line_endings.csv"))).toMatchObject({ lines: 3, loaded: 3, rejected: 0 });
    expect(await harness.rows("SELECT _source_line::INT AS line, user_session FROM raw.events ORDER BY line")).toEqual([
      { line: 2, user_session: "9333dfbd-b87a-4708-9857-6336556b0fcc" },
      { line: 3, user_session: "566511c2-e2e3-422b-b695-cf8e6e792ca8" },
      { line: 4, user_session: "9333dfbd-b87a-4708-9857-6336556b0fcc" },
    ]);
  });

  it("a carriage return inside an unquoted field: that line is quarantined (DuckDB alone fails on the file)", async () => {
    const result = await harness.load(file("bare_carriage_return.csv"), { maxRejected: { kind: "percent", value: 100 } });
    expect(result).toMatchObject({ lines: 2, loaded: 1, rejected: 1 });
    expect(await loadedLines()).toEqual([3]);
    expect(await rejected()).toEqual([
      expect.objectContaining({ line: 2, field: null, reason: expect.stringMatching(/^field 6: a carriage return \(CR\) that does not end the line/), raw_text: expect.stringContaining("aq\rua") }),
    ]);
  });

  it("text after a closing quote: the line is quarantined and the next line still starts a record", async () => {
    const result = await harness.load(file("text_after_closing_quote.csv"), { maxRejected: { kind: "percent", value: 100 } });
    expect(result).toMatchObject({ lines: 3, loaded: 1, rejected: 2 });
    expect(await loadedLines()).toEqual([4]);
    expect((await rejected()).map((row) => [row.line, row.reason])).toEqual([
      [2, "field 6: text after the closing quote (a quote inside a quoted field must be doubled)"],
      [3, "field 6: text after the closing quote (a quote inside a quoted field must be doubled)"],
    ]);
    expect((await rejected())[0]!.raw_text).toContain(',"aq"ua,');
  });

  it("a quote inside an unquoted field is a plain character, as for DuckDB's reader", async () => {
    expect(await harness.load(file("quote_inside_unquoted_field.csv"))).toMatchObject({ lines: 2, loaded: 2, rejected: 0 });
    expect(await harness.rows("SELECT brand FROM raw.events ORDER BY _source_line")).toEqual([{ brand: 'aq"ua' }, { brand: 'say "hi"' }]);
  });

  it("invalid UTF-8: the line is quarantined, the others load (DuckDB cannot read such a line)", async () => {
    const result = await harness.load(file("invalid_utf8.csv"), { maxRejected: { kind: "percent", value: 100 } });
    expect(result).toMatchObject({ lines: 3, loaded: 2, rejected: 1 });
    expect(await loadedLines()).toEqual([2, 4]);
    expect(await rejected()).toEqual([
      expect.objectContaining({ line: 3, field: null, reason: "invalid UTF-8 (byte 97 of the line)", raw_text: expect.stringContaining("caf\uFFFD") }),
    ]);
  });

  it("header only: nothing to load, but the file is recorded", async () => {
    expect(await harness.load(file("header_only.csv"))).toMatchObject({ status: "loaded", lines: 0, loaded: 0, rejected: 0 });
    expect(await harness.rows("SELECT lines::INT AS lines FROM raw.load_manifest")).toEqual([{ lines: 0 }]);
  });

  it("values that cannot be stored exactly: the field and the reason, and the exact line", async () => {
    const result = await harness.load(file("bad_values.csv"), { maxRejected: { kind: "percent", value: 100 } });
    expect(result).toMatchObject({ lines: 8, loaded: 1, rejected: 7 });
    expect((await rejected()).map((row) => [row.line, row.field, row.reason])).toEqual([
      [2, "product_id", 'product_id: "abc" is not a whole number (64-bit)'],
      [3, "user_id", 'user_id: "12.5" is not a whole number (64-bit)'],
      [4, "category_id", 'category_id: "99999999999999999999" is not a whole number (64-bit)'],
      [5, "price", 'price: "abc" is not a number with exactly two decimals'],
      [6, "price", 'price: "1.234" is not a number with exactly two decimals'],
      [7, "event_time", 'event_time: "2019-10-01T00:00:00Z" is not a UTC time like 2019-10-01 00:00:00 UTC'],
      [8, "event_time", 'event_time: "2019-02-30 00:00:00 UTC" is not a UTC time like 2019-10-01 00:00:00 UTC'],
    ]);
    const lines = (await import("node:fs")).readFileSync(file("bad_values.csv"), "utf8").split("\n");
    expect((await rejected()).map((row) => row.raw_text)).toEqual(lines.slice(1, 8));
  });

  it("business-rule violations are not load errors: they land, and staging applies the rules", async () => {
    expect(await harness.load(file("business_rules.csv"))).toMatchObject({ lines: 6, loaded: 6, rejected: 0 });
    expect(
      await harness.rows("SELECT event_type, user_id, price::VARCHAR AS price, user_session, event_time FROM raw.events ORDER BY _source_line"),
    ).toEqual([
      expect.objectContaining({ event_type: "click" }),
      expect.objectContaining({ user_session: "" }),
      expect.objectContaining({ user_id: null }),
      expect.objectContaining({ price: "-5.00" }),
      expect.objectContaining({ event_time: null }),
      expect.objectContaining({ event_type: "view" }),
    ]);
  });

  it("blank lines are quarantined as such and do not shift line numbers", async () => {
    const result = await harness.load(file("blank_lines.csv"), { maxRejected: { kind: "percent", value: 100 } });
    expect(result).toMatchObject({ lines: 4, loaded: 2, rejected: 2 });
    expect(await loadedLines()).toEqual([2, 4]);
    expect((await rejected()).map((row) => [row.line, row.reason])).toEqual([
      [3, "blank line"],
      [5, "blank line"],
    ]);
  });

  it("exact duplicate rows both land; staging collapses them", async () => {
    expect(await harness.load(file("duplicates.csv"))).toMatchObject({ lines: 3, loaded: 3, rejected: 0 });
  });
});

describe("--max-rejected", () => {
  it("fails the file and changes nothing past the limit, naming the common reasons", async () => {
    const load = harness.load(file("bad_values.csv"), { maxRejected: { kind: "count", value: 3 } });
    await expect(load).rejects.toThrow(/bad_values\.csv: 7 of 8 lines are invalid, more than --max-rejected 3; nothing was loaded.*price \(2\)/);
    expect(await everAnything()).toBe("0");
  });

  it("accepts a file within the limit", async () => {
    expect(await harness.load(file("bad_values.csv"), { maxRejected: { kind: "count", value: 7 } })).toMatchObject({ rejected: 7 });
  });
});

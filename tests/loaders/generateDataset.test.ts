/** The synthetic REES46 generator: exact sizes, determinism, and the realism the models rely on. */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_HEADER, dailyBudgets, generateDataset, type GeneratedFile } from "../../loaders/generate/generateDataset.js";

let dir: string;
let files: GeneratedFile[];
let rows: string[][];

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clickstream-generate-"));
  files = await generateDataset({ events: 200_000, days: 7, start: "2019-10-01", seed: 3, outDir: join(dir, "a"), split: "day", gzip: false });
  rows = files.flatMap((file) =>
    readFileSync(file.path, "utf8")
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((line) => [...line.split(","), file.path]),
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generateDataset", () => {
  it("writes exactly --events rows, one file per day, each with the REES46 header", () => {
    expect(files.map((file) => file.path.split("/").pop())).toEqual(
      ["01", "02", "03", "04", "05", "06", "07"].map((day) => `events-2019-10-${day}.csv`),
    );
    expect(rows.length).toBe(200_000);
    for (const file of files) expect(readFileSync(file.path, "utf8").split("\n")[0]).toBe(CSV_HEADER);
  });

  it("is deterministic for a seed and differs for another", async () => {
    const again = await generateDataset({ events: 200_000, days: 7, start: "2019-10-01", seed: 3, outDir: join(dir, "b"), split: "day", gzip: false });
    expect(again.map((file) => sha(file.path))).toEqual(files.map((file) => sha(file.path)));
    const other = await generateDataset({ events: 2_000, days: 1, start: "2019-10-01", seed: 4, outDir: join(dir, "c"), split: "day", gzip: false });
    const same = await generateDataset({ events: 2_000, days: 1, start: "2019-10-01", seed: 3, outDir: join(dir, "d"), split: "day", gzip: false });
    expect(sha(other[0]!.path)).not.toBe(sha(same[0]!.path));
  });

  it("writes values in the REES46 formats", () => {
    for (const row of rows.slice(0, 5000)) {
      expect(row[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
      expect(["view", "cart", "remove_from_cart", "purchase"]).toContain(row[1]);
      expect(row[3]).toMatch(/^\d{19}$/);
      expect(row[6]).toMatch(/^\d+\.\d\d$/);
      expect(row[7]).toMatch(/^\d{9}$/);
      expect(row[8]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("has a funnel with realistic drop-off, and purchases without a cart", () => {
    const count = (type: string) => rows.filter((row) => row[1] === type).length;
    const views = count("view");
    expect(views / rows.length).toBeGreaterThan(0.9);
    expect(count("cart") / views).toBeGreaterThan(0.01);
    expect(count("cart") / views).toBeLessThan(0.06);
    expect(count("purchase")).toBeGreaterThan(0);
    expect(count("remove_from_cart")).toBeGreaterThan(0);
    expect(count("purchase")).toBeLessThan(count("cart") + count("view") * 0.02);
  });

  it("leaves some categories and brands empty, as REES46 does", () => {
    const emptyCategory = rows.filter((row) => row[4] === "").length / rows.length;
    const emptyBrand = rows.filter((row) => row[5] === "").length / rows.length;
    expect(emptyCategory).toBeGreaterThan(0.1);
    expect(emptyCategory).toBeLessThan(0.5);
    expect(emptyBrand).toBeGreaterThan(0.05);
    expect(emptyBrand).toBeLessThan(0.3);
  });

  it("has an evening peak and busier weekends", () => {
    const byHour = new Array(24).fill(0);
    for (const row of rows) byHour[Number(row[0]!.slice(11, 13))]++;
    expect(byHour[20]).toBeGreaterThan(3 * byHour[4]);
    const budgets = dailyBudgets(700_000, "2019-10-01", 7);
    // 2019-10-05 and -06 are a Saturday and a Sunday.
    expect(budgets[4]!).toBeGreaterThan(budgets[1]!);
    expect(budgets.reduce((a, b) => a + b, 0)).toBe(700_000);
  });

  it("brings users back for several sessions and lets sessions cross midnight", () => {
    const sessionsPerUser = new Map<string, Set<string>>();
    for (const row of rows) sessionsPerUser.set(row[7]!, (sessionsPerUser.get(row[7]!) ?? new Set()).add(row[8]!));
    expect([...sessionsPerUser.values()].filter((sessions) => sessions.size > 1).length).toBeGreaterThan(100);
    const days = new Map<string, Set<string>>();
    for (const row of rows) days.set(row[8]!, (days.get(row[8]!) ?? new Set()).add(row[0]!.slice(0, 10)));
    expect([...days.values()].filter((dates) => dates.size > 1).length).toBeGreaterThan(0);
  });

  it("writes a small share of exact duplicates and of late events into the next day's file", () => {
    const lines = rows.map((row) => row.slice(0, 9).join(","));
    const duplicates = lines.length - new Set(lines).size;
    expect(duplicates / lines.length).toBeGreaterThan(0.0005);
    expect(duplicates / lines.length).toBeLessThan(0.01);
    const late = rows.filter((row) => !row[9]!.includes(row[0]!.slice(0, 10)) && row[0]! < row[9]!.slice(-14, -4));
    expect(late.length).toBeGreaterThan(0);
    expect(late.length / rows.length).toBeLessThan(0.005);
  });

  it("writes one file, or gzip, on request", async () => {
    const [single] = await generateDataset({ events: 5_000, days: 3, start: "2019-10-01", seed: 3, outDir: join(dir, "e"), split: "none", gzip: true });
    const text = gunzipSync(readFileSync(single!.path)).toString("utf8").trimEnd().split("\n");
    expect(single!.path.endsWith("events.csv.gz")).toBe(true);
    expect(text.length).toBe(5_001);
  });

  it("refuses impossible options with a clear message", async () => {
    await expect(generateDataset({ events: 0, days: 1, start: "2019-10-01", seed: 1, outDir: dir, split: "day", gzip: false })).rejects.toThrow(
      "--events must be a positive whole number",
    );
    await expect(generateDataset({ events: 10, days: 1, start: "2019-02-30x", seed: 1, outDir: dir, split: "day", gzip: false })).rejects.toThrow(
      /--start must be a date/,
    );
  });
});

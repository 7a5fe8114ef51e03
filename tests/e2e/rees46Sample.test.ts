/**
 * End to end on real data: the REES46 sample through `clickstream pipeline`, with the figures
 * checked against the sample README's independent computation (Python's csv module).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { REES46_SAMPLE_AVAILABLE, REES46_SAMPLE_FILE } from "../support/rees46Sample.js";
import { queryWarehouse } from "../support/queryWarehouse.js";
import { runCli, type CliResult } from "../support/runCli.js";

describe.skipIf(!REES46_SAMPLE_AVAILABLE)("the REES46 sample through the whole pipeline", () => {
  let dir: string;
  let warehousePath: string;
  let pipeline: CliResult;

  const query = <T>(sql: string): Promise<T[]> => queryWarehouse<T>(warehousePath, sql);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "clickstream-rees46-"));
    warehousePath = join(dir, "warehouse.duckdb");
    pipeline = await runCli(["pipeline", "--input", REES46_SAMPLE_FILE, "--warehouse", warehousePath]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("succeeds, assertions and unit tests included", () => {
    expect(pipeline.stderr).toBe("");
    expect(pipeline.exitCode).toBe(0);
    expect(pipeline.stdout).toContain("10,760 lines = 10,760 loaded + 0 quarantined");
  });

  it("records the file by its SHA-256 and size", async () => {
    expect(await query("SELECT content_sha256, bytes::INT AS bytes, lines::INT AS lines FROM raw.load_manifest")).toEqual([
      { content_sha256: "4561c553a74584a5f201a1453774b031cfd56bd1f5e99a55437b322b93365aa2", bytes: 1_437_002, lines: 10_760 },
    ]);
  });

  it("stages every event once, with the sample's users, sessions, types and empty fields", async () => {
    expect(
      await query(`SELECT count(*)::INT AS events, count(DISTINCT user_id)::INT AS users, count(DISTINCT user_session)::INT AS sessions,
                          count(*) FILTER (WHERE category_code IS NULL)::INT AS no_category, count(*) FILTER (WHERE brand IS NULL)::INT AS no_brand,
                          sum(duplicate_count)::INT AS duplicates, min(price)::VARCHAR AS min_price, max(price)::VARCHAR AS max_price
                   FROM staging.stg_events`),
    ).toEqual([{ events: 10_760, users: 2_741, sessions: 3_076, no_category: 3_521, no_brand: 1_561, duplicates: 0, min_price: "0.00", max_price: "2574.07" }]);
    expect(await query("SELECT event_type, count(*)::INT AS n FROM staging.stg_events GROUP BY 1 ORDER BY 1")).toEqual([
      { event_type: "cart", n: 103 },
      { event_type: "purchase", n: 137 },
      { event_type: "view", n: 10_520 },
    ]);
  });

  it("counts events per hour and type as an independent count of the file does", async () => {
    expect(await query("SELECT strftime(event_hour, '%H') AS hour, event_type, event_count::INT AS n FROM marts.event_type_by_hour ORDER BY 1, 2")).toEqual([
      { hour: "00", event_type: "cart", n: 2 },
      { hour: "00", event_type: "purchase", n: 8 },
      { hour: "00", event_type: "view", n: 653 },
      { hour: "01", event_type: "view", n: 68 },
      { hour: "02", event_type: "cart", n: 101 },
      { hour: "02", event_type: "purchase", n: 129 },
      { hour: "02", event_type: "view", n: 9_799 },
    ]);
  });
});

/** Sessions and funnel figures computed straight from the CSV, independently of the SQL models. */
function independentFigures(csv: string) {
  const rows = csv.trimEnd().split("\n").slice(1).map((line) => {
    const [time, type, product, , , , price, user, session] = line.split(",");
    return { time: Date.parse(time!.replace(" UTC", "Z").replace(" ", "T")), type: type!, product: product!, priceCents: Math.round(Number(price) * 100), user: user!, session: session! };
  });
  const rank: Record<string, number> = { view: 1, cart: 2, remove_from_cart: 3, purchase: 4 };
  const bySource = new Map<string, typeof rows>();
  for (const row of rows) bySource.set(row.session, [...(bySource.get(row.session) ?? []), row]);
  const sessions: Array<typeof rows> = [];
  for (const events of bySource.values()) {
    events.sort((a, b) => a.time - b.time || rank[a.type]! - rank[b.type]!);
    let current: typeof rows = [];
    for (const event of events) {
      if (current.length && event.time - current[current.length - 1]!.time > 30 * 60_000) {
        sessions.push(current);
        current = [];
      }
      current.push(event);
    }
    sessions.push(current);
  }
  let viewPairs = 0;
  let viewCartPairs = 0;
  let cartPurchasePairs = 0;
  let viewPurchasePairs = 0;
  for (const session of sessions) {
    const products = new Map<string, Set<string>>();
    for (const event of session) products.set(event.product, (products.get(event.product) ?? new Set()).add(event.type));
    for (const types of products.values()) {
      if (types.has("view")) viewPairs++;
      if (types.has("view") && types.has("cart")) viewCartPairs++;
      if (types.has("cart") && types.has("purchase")) cartPurchasePairs++;
      if (types.has("view") && types.has("purchase")) viewPurchasePairs++;
    }
  }
  const purchases = rows.filter((row) => row.type === "purchase");
  return {
    sessions: sessions.length,
    bounces: sessions.filter((session) => session.length === 1).length,
    convertedSessions: sessions.filter((session) => session.some((event) => event.type === "purchase")).length,
    longestSession: Math.max(...sessions.map((session) => session.length)),
    viewPairs,
    viewCartPairs,
    cartPurchasePairs,
    viewPurchasePairs,
    purchases: purchases.length,
    revenueCents: purchases.reduce((sum, row) => sum + row.priceCents, 0),
  };
}

describe.skipIf(!REES46_SAMPLE_AVAILABLE)("the REES46 sample's marts against an independent computation", () => {
  let dir: string;
  let warehousePath: string;
  let expected: ReturnType<typeof independentFigures>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "clickstream-rees46-marts-"));
    warehousePath = join(dir, "warehouse.duckdb");
    expect((await runCli(["pipeline", "--input", REES46_SAMPLE_FILE, "--warehouse", warehousePath, "--quiet"])).exitCode).toBe(0);
    expected = independentFigures(readFileSync(REES46_SAMPLE_FILE, "utf8"));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const one = async (sql: string) => {
    const warehouse = await DuckdbWarehouse.open(warehousePath, { readOnly: true });
    try {
      return (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson()[0] as Record<string, number>;
    } finally {
      warehouse.close();
    }
  };

  it("finds the same sessions", async () => {
    expect(
      await one(`SELECT count(*)::INT AS sessions, count(*) FILTER (WHERE is_bounce)::INT AS bounces,
                        count(*) FILTER (WHERE is_converted)::INT AS converted, max(events)::INT AS longest FROM marts.sessions`),
    ).toEqual({ sessions: expected.sessions, bounces: expected.bounces, converted: expected.convertedSessions, longest: expected.longestSession });
    // The sample README counts 3,076 source sessions; the 30-minute timeout splits some of them.
    expect(expected.sessions).toBeGreaterThanOrEqual(3_076);
  });

  it("counts the same funnel pairs and revenue", async () => {
    expect(
      await one(`SELECT sum(view_sessions)::INT AS views, sum(view_to_cart_sessions)::INT AS view_cart, sum(cart_to_purchase_sessions)::INT AS cart_purchase,
                        sum(view_to_purchase_sessions)::INT AS view_purchase FROM marts.funnel_daily`),
    ).toEqual({ views: expected.viewPairs, view_cart: expected.viewCartPairs, cart_purchase: expected.cartPurchasePairs, view_purchase: expected.viewPurchasePairs });
    expect(await one("SELECT sum(purchases)::INT AS purchases, (sum(revenue) * 100)::INT AS cents FROM marts.daily_kpis")).toEqual({
      purchases: expected.purchases,
      cents: expected.revenueCents,
    });
  });
});

/**
 * End to end on real data: the REES46 sample through `clickstream pipeline`, with the figures
 * checked against the sample README's independent computation (Python's csv module).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { REES46_SAMPLE_AVAILABLE, REES46_SAMPLE_FILE } from "../support/rees46Sample.js";
import { runCli, type CliResult } from "../support/runCli.js";

describe.skipIf(!REES46_SAMPLE_AVAILABLE)("the REES46 sample through the whole pipeline", () => {
  let dir: string;
  let warehousePath: string;
  let pipeline: CliResult;

  const query = async <T>(sql: string): Promise<T[]> => {
    const warehouse = await DuckdbWarehouse.open(warehousePath, { readOnly: true });
    try {
      return (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson() as T[];
    } finally {
      warehouse.close();
    }
  };

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

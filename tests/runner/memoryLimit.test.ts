import { describe, expect, it } from "vitest";
import { bufferPoolLimit, halfOfMemory } from "../../runner/warehouse/duckdbWarehouse.js";

const GIB = 2 ** 30;

describe("the default DuckDB memory limit", () => {
  it("is half of the machine's memory in whole GiB", () => {
    expect(halfOfMemory(16 * GIB)).toBe("8GiB");
    expect(halfOfMemory(23.4 * GIB)).toBe("11GiB");
  });

  it("is at least 1 GiB on a very small machine", () => {
    expect(halfOfMemory(1 * GIB)).toBe("1GiB");
  });
});

describe("DuckDB's buffer pool under a memory limit", () => {
  it("is 90 % of the limit, in whole MiB, whatever the unit", () => {
    expect(bufferPoolLimit("11GiB")).toBe("10137MiB");
    expect(bufferPoolLimit("3GB")).toBe("2574MiB");
    expect(bufferPoolLimit("512 mib")).toBe("460MiB");
  });

  it("passes a size it cannot read to DuckDB unchanged, so DuckDB names the problem", () => {
    expect(bufferPoolLimit("lots")).toBe("lots");
  });

  it("is what the warehouse's DuckDB is given", async () => {
    const { DuckdbWarehouse } = await import("../../runner/warehouse/duckdbWarehouse.js");
    const warehouse = await DuckdbWarehouse.open(":memory:", { memoryLimit: "2GiB" });
    try {
      const [row] = await warehouse.query<{ value: string }>("SELECT current_setting('memory_limit') AS value");
      expect(row!.value).toBe("1.7 GiB");
    } finally {
      warehouse.close();
    }
  });
});

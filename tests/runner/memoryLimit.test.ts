import { describe, expect, it } from "vitest";
import { halfOfMemory } from "../../runner/warehouse/duckdbWarehouse.js";

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

/**
 * The dev loop's scheduling: saves close together make one build, one build runs at a time, and
 * saves during a build make exactly one more build with every file saved meanwhile.
 */
import { describe, expect, it } from "vitest";
import { BuildQueue } from "../../devloop/buildQueue.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("BuildQueue", () => {
  it("gathers saves made within the debounce into one build", async () => {
    const builds: string[][] = [];
    const queue = new BuildQueue(async (files) => void builds.push(files), 30);
    queue.saved("b.sqlx");
    queue.saved("a.sqlx");
    queue.saved("b.sqlx");
    await queue.idle();
    expect(builds).toEqual([["a.sqlx", "b.sqlx"]]);
  });

  it("runs one build at a time; saves during a build queue exactly one more", async () => {
    const builds: string[][] = [];
    let running = 0;
    let mostAtOnce = 0;
    let release!: () => void;
    const queue = new BuildQueue(async (files) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      builds.push(files);
      if (builds.length === 1) await new Promise<void>((resolve) => (release = resolve));
      running--;
    }, 10);
    queue.saved("a.sqlx");
    while (builds.length === 0) await sleep(5);
    // Three saves, with pauses longer than the debounce, while the first build runs.
    for (const file of ["b.sqlx", "c.sqlx", "b.sqlx"]) {
      queue.saved(file);
      await sleep(25);
    }
    expect(builds).toHaveLength(1);
    release();
    await queue.idle();
    expect(builds).toEqual([["a.sqlx"], ["b.sqlx", "c.sqlx"]]);
    expect(mostAtOnce).toBe(1);
  });

  it("builds nothing after close", async () => {
    const builds: string[][] = [];
    const queue = new BuildQueue(async (files) => void builds.push(files), 10);
    queue.saved("a.sqlx");
    await queue.close();
    queue.saved("b.sqlx");
    await sleep(30);
    expect(builds).toEqual([]);
  });
});

/**
 * Decision 3: Dataform reads only .js, so the TypeScript-authored includes and actions are compiled
 * (`npm run build`) and the output is committed. This fails when a .js no longer matches its .ts.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { globSync } from "tinyglobby";
import { afterAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";

const outDir = mkdtempSync(join(tmpdir(), "clickstream-dataform-js-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("TypeScript-authored Dataform code", () => {
  const sources = globSync(["includes/**/*.ts", "definitions/**/*.ts"], { cwd: REPOSITORY_ROOT, ignore: ["**/*.d.ts"] });

  it("exists, so the check below checks something", () => {
    expect(sources).toEqual(expect.arrayContaining(["includes/constants.ts", "includes/recompute.ts", "definitions/marts/funnels.ts", "definitions/assertions/recent_partitions.ts"]));
  });

  it("has committed .js files identical to what tsc emits", () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", join(REPOSITORY_ROOT, "tsconfig.dataform.json"), "--outDir", outDir], { cwd: REPOSITORY_ROOT });
    const stale = sources.filter((source) => {
      const javascript = source.replace(/\.ts$/, ".js");
      let committed = "";
      try {
        committed = readFileSync(join(REPOSITORY_ROOT, javascript), "utf8");
      } catch {
        return true;
      }
      return committed !== readFileSync(join(outDir, relative(".", javascript)), "utf8");
    });
    expect(stale, "run `npm run build` and commit the .js files").toEqual([]);
  });
});

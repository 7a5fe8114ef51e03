/**
 * What GCP-managed Dataform installs when it compiles this repository. It reads the root
 * package.json; the hosted Dataform service installed production dependencies only from the lock
 * file (`npm ci --ignore-scripts --only=production`, dataform-co/dataform#1348). So the root
 * package declares exactly what compiling the models needs, @dataform/core, under `dependencies`;
 * the CLI, runner, loaders and tests are devDependencies; cdktf/ is a separate package (not a
 * workspace: npm would install workspaces too). The last test compiles a clean copy holding only
 * what such an install gives.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";

const readJson = (path: string) => JSON.parse(readFileSync(join(REPOSITORY_ROOT, path), "utf8")) as Record<string, Record<string, unknown>>;
const rootPackage = readJson("package.json");
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[\w.]+)?$/;
const dataformCli = createRequire(import.meta.url).resolve("@dataform/cli/bundle.js");

type Graph = { tables?: unknown[]; assertions?: unknown[]; operations?: unknown[]; graphErrors?: { compilationErrors?: unknown[] } };
const compile = (projectDir: string): Graph =>
  JSON.parse(execFileSync(process.execPath, [dataformCli, "compile", projectDir, "--json"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 })) as Graph;
const actionCount = (graph: Graph) => (graph.tables?.length ?? 0) + (graph.assertions?.length ?? 0) + (graph.operations?.length ?? 0);

let cleanCopy: string | undefined;
afterAll(() => {
  if (cleanCopy) rmSync(cleanCopy, { recursive: true, force: true });
});

describe("the package layout managed Dataform sees", () => {
  it("declares only @dataform/core, pinned, as a production dependency", () => {
    expect(rootPackage["dependencies"]).toEqual({ "@dataform/core": expect.stringMatching(EXACT_VERSION) });
  });

  it("pins every root and cdktf/ package to an exact version", () => {
    const cdktfPackage = readJson("cdktf/package.json");
    for (const manifest of [rootPackage, cdktfPackage]) {
      for (const version of Object.values({ ...manifest["dependencies"], ...manifest["devDependencies"] })) expect(version).toMatch(EXACT_VERSION);
    }
  });

  it("keeps the cdktf providers out of the root install: no workspace, nothing of cdktf in the root lock file", () => {
    expect(rootPackage["workspaces"]).toBeUndefined();
    const lockedPackages = Object.keys(readJson("package-lock.json")["packages"]!);
    expect(lockedPackages.filter((name) => /node_modules\/(cdktf|@cdktf\/|constructs)/.test(name))).toEqual([]);
    expect(readJson("cdktf/package.json")["dependencies"]).toMatchObject({ cdktf: "0.21.0", "@cdktf/provider-google": expect.any(String), "@cdktf/provider-google-beta": expect.any(String) });
  });

  it("compiles in a clean copy that holds only the production install", () => {
    cleanCopy = mkdtempSync(join(tmpdir(), "dataform-managed-"));
    for (const entry of ["package.json", "package-lock.json", "dataform.json", "definitions", "includes"]) {
      cpSync(join(REPOSITORY_ROOT, entry), join(cleanCopy, entry), { recursive: true });
    }
    execFileSync("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: cleanCopy, stdio: "pipe" });
    const installed = readdirSync(join(cleanCopy, "node_modules")).filter((name) => !name.startsWith("."));
    expect(installed).toEqual(["@dataform"]);
    expect(readdirSync(join(cleanCopy, "node_modules/@dataform"))).toEqual(["core"]);

    const graph = compile(cleanCopy);
    expect(graph.graphErrors?.compilationErrors ?? []).toEqual([]);
    expect(actionCount(graph)).toBe(actionCount(compile(REPOSITORY_ROOT)));
    expect(actionCount(graph)).toBeGreaterThan(20);
  });
});

/**
 * A copy of this Dataform project (definitions, includes, config) in a temporary directory, for
 * tests that change models; with the @dataform/core the compiler insists on finding in the
 * project's own node_modules.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { mkdirSync } from "node:fs";
import { REPOSITORY_ROOT } from "./fixtureProject.js";

export interface ProjectCopy {
  dir: string;
  warehousePath: string;
  write(file: string, text: string): void;
  read(file: string): string;
  remove(): void;
}

export function copyThisProject(): ProjectCopy {
  const dir = mkdtempSync(join(tmpdir(), "clickstream-project-"));
  for (const entry of ["dataform.json", "package.json", "definitions", "includes"]) {
    cpSync(join(REPOSITORY_ROOT, entry), join(dir, entry), { recursive: true });
  }
  cpSync(join(REPOSITORY_ROOT, "node_modules/@dataform/core"), join(dir, "node_modules/@dataform/core"), { recursive: true });
  return {
    dir,
    warehousePath: join(dir, "warehouse.duckdb"),
    write(file, text) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    },
    read: (file) => readFileSync(join(dir, file), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

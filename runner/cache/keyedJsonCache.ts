/**
 * JSON documents kept under a content hash, for work whose every input is in the key: a changed
 * input is a new key, so an entry is never stale, only unused. Entries live in the project's
 * target/ folder; reading or writing one never fails the command (it just does the work again).
 */
import { createHash, type Hash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Entries kept per cache: one per set of inputs in use side by side (vars, unit-test mode, selections). */
const ENTRIES_KEPT = 8;

export function cacheDir(projectDir: string, name: string): string {
  return join(projectDir, "target", `.${name}-cache`);
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.name === "node_modules" ? [] : filesUnder(join(path, entry.name)),
  );
}

/** Adds the names and bytes of the files at `paths` (folders recursively, without node_modules) under `root`. */
export function hashFiles(hash: Hash, root: string, paths: string[]): Hash {
  for (const file of paths.flatMap((path) => filesUnder(join(root, path))).sort()) {
    hash.update(`\0${relative(root, file).split(sep).join("/")}\0`);
    hash.update(readFileSync(file));
  }
  return hash;
}

export function newKeyHash(inputs: unknown): Hash {
  return createHash("sha256").update(JSON.stringify(inputs));
}

export function readCached<T>(dir: string, key: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${key}.json`), "utf8")) as T;
  } catch {
    return undefined;
  }
}

export function writeCached(dir: string, key: string, value: unknown): void {
  try {
    mkdirSync(dir, { recursive: true });
    // Written whole, then renamed: a concurrent reader sees no entry or the whole entry, never half.
    const partial = join(dir, `${key}.${process.pid}.partial`);
    writeFileSync(partial, JSON.stringify(value));
    renameSync(partial, join(dir, `${key}.json`));
    const entries = readdirSync(dir)
      .filter((name) => name.endsWith(".json"))
      .map((name) => ({ path: join(dir, name), modified: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.modified - a.modified);
    for (const old of entries.slice(ENTRIES_KEPT)) rmSync(old.path, { force: true });
  } catch {
    // A folder that cannot be written to: the work is done again next time.
  }
}

/**
 * cdktf/ is its own npm package, outside the root install: its providers weigh about 640 MB and
 * only infrastructure work needs them. This installs them (npm ci from cdktf/package-lock.json)
 * when they are missing or differ from the lock file; tests and `npm run infra:synth` call it.
 * A directory lock keeps parallel callers (vitest workers) from installing twice at once.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const CDKTF_DIR = resolve(import.meta.dirname, "..");

export class CdktfInstallError extends Error {
  constructor(detail: string) {
    super(`Installing cdktf/ dependencies failed (run \`npm ci --prefix cdktf\` to see why): ${detail}`);
    this.name = "CdktfInstallError";
  }
}

interface LockFile {
  packages: Record<string, { version?: string }>;
}

/** True when every package the lock file pins directly is installed at its pinned version. */
export function dependenciesMatchLock(directory = CDKTF_DIR): boolean {
  const lock = JSON.parse(readFileSync(join(directory, "package-lock.json"), "utf8")) as LockFile;
  const root = lock.packages[""] as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const direct = Object.keys({ ...root.dependencies, ...root.devDependencies });
  return direct.every((name) => {
    const manifest = join(directory, "node_modules", name, "package.json");
    if (!existsSync(manifest)) return false;
    return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version === lock.packages[`node_modules/${name}`]?.version;
  });
}

async function withDirectoryLock<T>(path: string, work: () => T, timeoutMs = 10 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (Date.now() > deadline) throw new CdktfInstallError(`another install still holds ${path}; remove it if no install is running`);
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  try {
    return work();
  } finally {
    rmdirSync(path);
  }
}

export async function ensureCdktfDependencies(log: (line: string) => void = () => undefined): Promise<void> {
  if (dependenciesMatchLock()) return;
  await withDirectoryLock(join(CDKTF_DIR, ".install-lock"), () => {
    if (dependenciesMatchLock()) return; // another process installed them while we waited
    log("Installing cdktf/ dependencies (npm ci --prefix cdktf)...");
    try {
      execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: CDKTF_DIR, stdio: ["ignore", "ignore", "pipe"] });
    } catch (error) {
      throw new CdktfInstallError(String((error as { stderr?: Buffer }).stderr ?? error).trim().split("\n").slice(-5).join("\n"));
    }
  });
}

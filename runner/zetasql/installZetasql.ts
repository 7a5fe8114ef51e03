/**
 * The ZetaSQL local service ships as prebuilt binaries inside the npm package
 * `@fivetrandevelopers/zetasql` (about 340 MB for four platforms). It lives in its own package
 * (runner/zetasql/server/, with its lock file) and is installed there on first use, so the quick
 * start's `npm install` and managed Dataform's install stay small. A directory lock keeps parallel
 * callers (vitest workers, two terminals) from installing twice at once.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const ZETASQL_SERVER_DIR = resolve(import.meta.dirname, "server");
const PACKAGE_NAME = "@fivetrandevelopers/zetasql";

/** The service cannot run here: an unsupported platform, or an install that failed. */
export class ZetasqlUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZetasqlUnavailableError";
  }
}

/**
 * The binary the package ships for this platform, by the names its own launcher uses.
 * CLICKSTREAM_ZETASQL_PLATFORM (`os-arch`) stands in for this machine's, to see what users of
 * other platforms see.
 */
export function serverBinaryName(platformAndArch = process.env["CLICKSTREAM_ZETASQL_PLATFORM"] ?? `${process.platform}-${process.arch}`): string {
  const binaries: Record<string, string> = {
    "linux-x64": "remote_server.so",
    "linux-arm64": "remote_server_arm.so",
    "darwin-x64": "remote_server",
    "darwin-arm64": "remote_server_arm",
  };
  const binary = binaries[platformAndArch];
  if (!binary) {
    throw new ZetasqlUnavailableError(
      `BigQuery's offline check (ZetaSQL) has no build for ${platformAndArch}: ${PACKAGE_NAME} ships Linux and macOS on x86-64 and ARM64 only. ` +
        "Run the check in CI or WSL, or use `clickstream run --target bigquery --dry-run`.",
    );
  }
  return binary;
}

function packageDir(): string {
  return join(ZETASQL_SERVER_DIR, "node_modules", ...PACKAGE_NAME.split("/"));
}

function pinnedVersion(): string {
  const manifest = JSON.parse(readFileSync(join(ZETASQL_SERVER_DIR, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  return manifest.dependencies[PACKAGE_NAME]!;
}

export function zetasqlInstalled(): boolean {
  const manifest = join(packageDir(), "package.json");
  if (!existsSync(manifest)) return false;
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version === pinnedVersion();
}

async function withDirectoryLock<T>(path: string, work: () => T, timeoutMs = 10 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (Date.now() > deadline) throw new ZetasqlUnavailableError(`another install of ZetaSQL still holds ${path}; remove it if no install is running`);
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  try {
    return work();
  } finally {
    rmdirSync(path);
  }
}

export interface ZetasqlFiles {
  binary: string;
  protoDir: string;
}

/** Installs the package when missing (telling `log` so), then returns where its binary and protos are. */
export async function ensureZetasqlInstalled(log: (line: string) => void = () => undefined): Promise<ZetasqlFiles> {
  const binaryName = serverBinaryName();
  if (!zetasqlInstalled()) {
    await withDirectoryLock(join(ZETASQL_SERVER_DIR, ".install-lock"), () => {
      if (zetasqlInstalled()) return; // another process installed it while we waited
      log(`Installing BigQuery's offline SQL check (${PACKAGE_NAME} ${pinnedVersion()}, about 110 MB, once) into runner/zetasql/server ...`);
      try {
        execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: ZETASQL_SERVER_DIR, stdio: ["ignore", "ignore", "pipe"] });
      } catch (error) {
        const detail = String((error as { stderr?: Buffer }).stderr ?? error).trim().split("\n").slice(-5).join("\n");
        throw new ZetasqlUnavailableError(`Installing ${PACKAGE_NAME} failed (run \`npm ci --prefix runner/zetasql/server\` to see why): ${detail}`);
      }
    });
  }
  const binary = join(packageDir(), "lib", "zetasql", binaryName);
  if (!existsSync(binary)) throw new ZetasqlUnavailableError(`${binary} is missing: reinstall with \`npm ci --prefix runner/zetasql/server\`.`);
  return { binary, protoDir: join(packageDir(), "lib", "zetasql", "protos") };
}

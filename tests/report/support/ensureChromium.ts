/**
 * The browser test needs Debian's chromium. CI machines start without it, so the set-up installs
 * it with apt-get when it is absent (as root, as CI runs); where that cannot work the test is
 * skipped with the reason, never silently.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = "/usr/bin/chromium";
const PACKAGES = ["chromium", "fonts-dejavu-core"];

export type ChromiumAvailability =
  | { available: true; path: string; installedInMs: number | null }
  | { available: false; reason: string };

export function ensureChromium(): ChromiumAvailability {
  if (existsSync(CHROMIUM_PATH)) return { available: true, path: CHROMIUM_PATH, installedInMs: null };
  if (!existsSync("/usr/bin/apt-get")) return { available: false, reason: `${CHROMIUM_PATH} is absent and there is no apt-get to install it; install a Chromium at that path` };
  if (process.getuid?.() !== 0) return { available: false, reason: `${CHROMIUM_PATH} is absent and installing it needs root: run \`sudo apt-get install chromium\`` };
  const started = performance.now();
  try {
    aptGet(["install", "-y", "--no-install-recommends", ...PACKAGES]);
  } catch {
    // A fresh machine may have no package lists yet, or stale ones.
    try {
      aptGet(["update"]);
      aptGet(["install", "-y", "--no-install-recommends", ...PACKAGES]);
    } catch (error) {
      return { available: false, reason: `apt-get could not install chromium: ${lastLines((error as { stderr?: Buffer }).stderr)}` };
    }
  }
  if (!existsSync(CHROMIUM_PATH)) return { available: false, reason: `apt-get ran but ${CHROMIUM_PATH} is still absent` };
  return { available: true, path: CHROMIUM_PATH, installedInMs: performance.now() - started };
}

function aptGet(args: string[]): void {
  execFileSync("apt-get", ["-q", ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 10 * 60_000,
  });
}

function lastLines(stderr: Buffer | undefined): string {
  return (stderr?.toString() ?? "").trim().split("\n").slice(-3).join(" ") || "no output";
}

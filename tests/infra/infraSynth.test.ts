/**
 * `npm run infra:synth` writes plan-ready Terraform JSON for every configured environment, with no
 * network: the providers are prebuilt packages (no `cdktf get`), and once cdktf/ is installed the
 * script installs nothing (npm is told to stay offline to prove it).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCdktfDependencies } from "../../cdktf/scripts/ensureDependencies.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";

const outdir = mkdtempSync(join(tmpdir(), "infra-synth-"));
beforeAll(() => ensureCdktfDependencies());
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("npm run infra:synth", () => {
  it("synthesizes one Terraform JSON file per environment of the config file, offline", async () => {
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "infra:synth"], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, CLICKSTREAM_INFRA_CONFIG: "cdktf/config/example.json", CDKTF_OUTDIR: outdir, npm_config_offline: "true" },
    });
    const files = ["dev", "prod"].map((name) => join(outdir, "stacks", `clickstream-${name}`, "cdk.tf.json"));
    expect(stdout.trim().split("\n").map((line) => line.split("  ")[0])).toEqual(files);
    for (const file of files) {
      const json = JSON.parse(readFileSync(file, "utf8")) as { terraform: { required_providers: Record<string, { source: string; version: string }> } };
      expect(json.terraform.required_providers).toEqual({
        google: { source: "google", version: "6.50.0" },
        "google-beta": { source: "google-beta", version: "6.50.0" },
      });
    }
  });

  it("refuses an invalid configuration with the list of problems and exit code 2", async () => {
    const failed = await promisify(execFile)("npm", ["run", "--silent", "infra:synth"], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, CLICKSTREAM_INFRA_CONFIG: join(REPOSITORY_ROOT, "package.json"), CDKTF_OUTDIR: outdir },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining("github: must be an object with repository (owner/name)") });
  });
});

/**
 * Where the configuration comes from: the JSON file named by CLICKSTREAM_INFRA_CONFIG (or
 * cdktf/config/infra.json when it exists), otherwise one environment described by environment
 * variables, the same ones the `clickstream` command reads.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidInfraConfigError, type InfraConfig } from "./infraConfig.js";
import { validateInfraConfig } from "./validateInfraConfig.js";

export const DEFAULT_CONFIG_FILE = resolve(import.meta.dirname, "../../config/infra.json");

function readConfigFile(path: string): InfraConfig {
  if (!existsSync(path)) throw new InvalidInfraConfigError(path, ["the file does not exist; copy cdktf/config/example.json there and edit it"]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InvalidInfraConfigError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return validateInfraConfig(parsed, path);
}

/** One environment from GOOGLE_CLOUD_PROJECT, CLICKSTREAM_ENV, CLICKSTREAM_REGION, CLICKSTREAM_LOCATION, GITHUB_REPOSITORY. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): InfraConfig {
  const name = env["CLICKSTREAM_ENV"] ?? "dev";
  const settings: Record<string, unknown> = {
    projectId: env["GOOGLE_CLOUD_PROJECT"],
    region: env["CLICKSTREAM_REGION"],
    location: env["CLICKSTREAM_LOCATION"] ?? "US",
  };
  if (env["CLICKSTREAM_GIT_BRANCH"]) settings["gitBranch"] = env["CLICKSTREAM_GIT_BRANCH"];
  return validateInfraConfig(
    {
      github: { repository: env["GITHUB_REPOSITORY"], productionBranch: env["CLICKSTREAM_PRODUCTION_BRANCH"] ?? "main" },
      environments: { [name]: settings },
    },
    "environment variables GOOGLE_CLOUD_PROJECT, CLICKSTREAM_REGION, CLICKSTREAM_LOCATION, CLICKSTREAM_ENV, GITHUB_REPOSITORY",
  );
}

export function loadInfraConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  const file = env["CLICKSTREAM_INFRA_CONFIG"];
  if (file) return readConfigFile(resolve(file));
  if (existsSync(DEFAULT_CONFIG_FILE)) return readConfigFile(DEFAULT_CONFIG_FILE);
  return configFromEnvironment(env);
}

/**
 * Turns untyped input (a parsed config file, or settings from the environment) into an InfraConfig,
 * or throws InvalidInfraConfigError listing every problem with the value that caused it.
 */
import { ENVIRONMENT_DEFAULTS, InvalidInfraConfigError, type EnvironmentSettings, type InfraConfig } from "./infraConfig.js";

// Google's rules: project ids 6-30 chars; GitHub's: owner/name.
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{0,7}$/;
const REGION = /^[a-z]+-[a-z]+[0-9]+$/;
const MULTI_REGION = /^(US|EU)$/;
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const BRANCH = /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}$/;
const CRON = /^(\S+\s+){4}\S+$/;
const TAG = /^[A-Za-z0-9_-]+$/;

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);

class Problems {
  readonly list: string[] = [];
  add(path: string, message: string, value: unknown): void {
    this.list.push(`${path}: ${message} (got ${JSON.stringify(value)})`);
  }
}

function text(raw: Raw, key: string, path: string, pattern: RegExp, rule: string, problems: Problems, fallback?: string): string {
  const value = raw[key] ?? fallback;
  if (typeof value !== "string" || !pattern.test(value)) problems.add(`${path}.${key}`, rule, value);
  return String(value);
}

function wholeDays(raw: Raw, key: string, path: string, problems: Problems, fallback: number): number {
  const value = raw[key] ?? fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 3650) {
    problems.add(`${path}.${key}`, "must be a whole number of days between 1 and 3650", value);
  }
  return Number(value);
}

function tags(raw: Raw, path: string, problems: Problems): string[] {
  const value = raw["workflowTags"] ?? ENVIRONMENT_DEFAULTS.workflowTags;
  if (!Array.isArray(value) || value.length === 0 || !value.every((tag) => typeof tag === "string" && TAG.test(tag))) {
    problems.add(`${path}.workflowTags`, "must be a non-empty list of Dataform tags (letters, digits, _ and -)", value);
    return [];
  }
  return value as string[];
}

function environment(name: string, raw: unknown, productionBranch: string, problems: Problems): EnvironmentSettings {
  const path = `environments.${name}`;
  if (!ENVIRONMENT_NAME.test(name)) problems.add(path, "environment names are 1-8 lowercase letters or digits, starting with a letter (dev, prod)", name);
  if (!isObject(raw)) {
    problems.add(path, "must be an object with projectId, region and location", raw);
    return {} as EnvironmentSettings;
  }
  const location = raw["location"];
  if (typeof location !== "string" || !(MULTI_REGION.test(location) || REGION.test(location))) {
    problems.add(`${path}.location`, "must be US, EU or a region such as europe-west1", location);
  }
  return {
    name,
    projectId: text(raw, "projectId", path, PROJECT_ID, "must be a Google Cloud project id (6-30 lowercase letters, digits, hyphens)", problems),
    region: text(raw, "region", path, REGION, "must be a region such as europe-west1 or us-central1", problems),
    location: String(location),
    gitBranch: text(raw, "gitBranch", path, BRANCH, "must be a git branch name", problems, productionBranch),
    releaseCron: text(raw, "releaseCron", path, CRON, "must be a five-field cron expression", problems, ENVIRONMENT_DEFAULTS.releaseCron),
    workflowCron: text(raw, "workflowCron", path, CRON, "must be a five-field cron expression", problems, ENVIRONMENT_DEFAULTS.workflowCron),
    workflowTags: tags(raw, path, problems),
    transferSchedule: text(raw, "transferSchedule", path, /^every .+/, 'must be a Data Transfer schedule such as "every day 02:00"', problems, ENVIRONMENT_DEFAULTS.transferSchedule),
    rawFileRetentionDays: wholeDays(raw, "rawFileRetentionDays", path, problems, ENVIRONMENT_DEFAULTS.rawFileRetentionDays),
    assertionTableExpirationDays: wholeDays(raw, "assertionTableExpirationDays", path, problems, ENVIRONMENT_DEFAULTS.assertionTableExpirationDays),
  };
}

export function validateInfraConfig(input: unknown, source: string): InfraConfig {
  const problems = new Problems();
  if (!isObject(input)) throw new InvalidInfraConfigError(source, ["the configuration must be a JSON object with github and environments"]);
  const github = isObject(input["github"]) ? input["github"] : {};
  if (!isObject(input["github"])) problems.add("github", "must be an object with repository (owner/name)", input["github"]);
  const repository = text(github, "repository", "github", REPOSITORY, "must be owner/name of the GitHub repository", problems);
  const productionBranch = text(github, "productionBranch", "github", BRANCH, "must be a git branch name", problems, "main");
  const environments = isObject(input["environments"]) ? Object.entries(input["environments"]) : [];
  if (environments.length === 0) problems.add("environments", "must name at least one environment, such as dev or prod", input["environments"]);
  const parsed = environments.map(([name, raw]) => environment(name, raw, productionBranch, problems));
  if (problems.list.length > 0) throw new InvalidInfraConfigError(source, problems.list);
  return { github: { repository, productionBranch }, environments: parsed };
}

/** The infrastructure's configuration: defaults, the environment-variable form, and clear errors. */
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CONFIG, loadCdktf } from "./support/synthesizedInfra.js";

let cdktf: Awaited<ReturnType<typeof loadCdktf>>;

beforeAll(async () => {
  cdktf = await loadCdktf();
});

const problems = (input: unknown): string[] => {
  try {
    cdktf.validateInfraConfig(input, "test.json");
  } catch (error) {
    expect(error).toBeInstanceOf(cdktf.InvalidInfraConfigError);
    expect((error as Error).message).toMatch(/^Invalid infrastructure configuration \(test\.json\):/);
    return (error as { problems: string[] }).problems;
  }
  throw new Error("expected the configuration to be rejected");
};

describe("infrastructure configuration", () => {
  it("fills the defaults: schedules, tags, retention, branch", () => {
    expect(cdktf.validateInfraConfig(EXAMPLE_CONFIG, "test")).toEqual({
      github: { repository: "acme/clickstream-elt", productionBranch: "main" },
      environments: ["dev", "prod"].map((name) => ({
        name,
        projectId: `acme-clickstream-${name}`,
        region: "europe-west1",
        location: "EU",
        gitBranch: "main",
        releaseCron: "0 3 * * *",
        workflowCron: "30 3 * * *",
        workflowTags: ["daily"],
        transferSchedule: "every day 02:00",
        rawFileRetentionDays: 90,
        assertionTableExpirationDays: 30,
      })),
    });
  });

  it("reads one environment from the variables the clickstream command uses", () => {
    const config = cdktf.configFromEnvironment({
      GOOGLE_CLOUD_PROJECT: "acme-analytics",
      CLICKSTREAM_REGION: "us-central1",
      CLICKSTREAM_ENV: "prod",
      GITHUB_REPOSITORY: "acme/clickstream-elt",
    }) as { environments: Array<{ name: string; projectId: string; location: string }> };
    expect(config.environments).toEqual([expect.objectContaining({ name: "prod", projectId: "acme-analytics", location: "US" })]);
  });

  it("names every problem, with the value that caused it", () => {
    expect(
      problems({
        github: { repository: "not a repo" },
        environments: { Dev: { projectId: "X", region: "europe", location: "mars", workflowTags: [], rawFileRetentionDays: 0 } },
      }),
    ).toEqual([
      'github.repository: must be owner/name of the GitHub repository (got "not a repo")',
      'environments.Dev: environment names are 1-8 lowercase letters or digits, starting with a letter (dev, prod) (got "Dev")',
      'environments.Dev.location: must be US, EU or a region such as europe-west1 (got "mars")',
      'environments.Dev.projectId: must be a Google Cloud project id (6-30 lowercase letters, digits, hyphens) (got "X")',
      'environments.Dev.region: must be a region such as europe-west1 or us-central1 (got "europe")',
      "environments.Dev.workflowTags: must be a non-empty list of Dataform tags (letters, digits, _ and -) (got [])",
      "environments.Dev.rawFileRetentionDays: must be a whole number of days between 1 and 3650 (got 0)",
    ]);
  });

  it("says what is missing when the environment variables are not set", () => {
    expect(() => cdktf.configFromEnvironment({})).toThrow(/GOOGLE_CLOUD_PROJECT[\s\S]*github\.repository[\s\S]*environments\.dev\.projectId/);
  });

  it("rejects a configuration without environments", () => {
    expect(problems({ github: { repository: "acme/x" }, environments: {} })).toEqual(["environments: must name at least one environment, such as dev or prod (got {})"]);
  });
});

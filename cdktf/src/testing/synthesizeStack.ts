/**
 * For the tests in tests/infra: synthesizes one environment's stack with cdktf's Testing helpers
 * and returns the Terraform JSON, without writing cdktf.out/.
 */
import { Testing } from "cdktf";
import type { InfraConfig } from "../config/infraConfig.js";
import { ClickstreamStack } from "../stacks/clickstreamStack.js";

export { Testing };
export { validateInfraConfig } from "../config/validateInfraConfig.js";
export { configFromEnvironment } from "../config/loadInfraConfig.js";
export { InvalidInfraConfigError } from "../config/infraConfig.js";
export { transferTableSchema } from "../constructs/transferLandingTable.js";

export function synthesizeStack(config: InfraConfig, environmentName: string): string {
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  if (!environment) throw new Error(`No environment ${environmentName} in the configuration`);
  const stack = new ClickstreamStack(Testing.app(), { github: config.github, environment });
  return Testing.synth(stack);
}

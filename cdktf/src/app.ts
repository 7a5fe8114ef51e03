/** Builds the cdktf app: one stack per configured environment. */
import { App } from "cdktf";
import type { InfraConfig } from "./config/infraConfig.js";
import { ClickstreamStack } from "./stacks/clickstreamStack.js";

export function buildApp(config: InfraConfig, outdir: string): App {
  const app = new App({ outdir, skipValidation: false });
  for (const environment of config.environments) new ClickstreamStack(app, { github: config.github, environment });
  return app;
}

/**
 * `npm run infra:synth` (or `cdktf synth` here): writes plain Terraform JSON, one directory per
 * environment, under cdktf/cdktf.out/stacks/. Offline: the providers are prebuilt packages.
 */
import { join } from "node:path";
import { buildApp } from "./src/app.js";
import { InvalidInfraConfigError } from "./src/config/infraConfig.js";
import { loadInfraConfig } from "./src/config/loadInfraConfig.js";
import { stackName } from "./src/stacks/clickstreamStack.js";

const outdir = process.env["CDKTF_OUTDIR"] ?? join(import.meta.dirname, "cdktf.out");
try {
  const config = loadInfraConfig();
  buildApp(config, outdir).synth();
  for (const environment of config.environments) {
    process.stdout.write(`${join(outdir, "stacks", stackName(environment), "cdk.tf.json")}  (${environment.name}: project ${environment.projectId})\n`);
  }
} catch (error) {
  if (!(error instanceof InvalidInfraConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}

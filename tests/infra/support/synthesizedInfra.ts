/**
 * Access to the cdktf/ package from the root test suite. cdktf/ has its own dependencies (not
 * installed by the root `npm ci`), so this installs them first, then loads the stacks through a
 * dynamic import: the root type-check never needs the 640 MB of provider packages.
 */
import { join } from "node:path";
import { CDKTF_DIR, ensureCdktfDependencies } from "../../../cdktf/scripts/ensureDependencies.js";

export interface TerraformResource {
  [attribute: string]: unknown;
}

export interface TerraformJson {
  provider: Record<string, Array<Record<string, unknown>>>;
  resource: Record<string, Record<string, TerraformResource>>;
  output: Record<string, { value: unknown; description?: string }>;
  data?: Record<string, Record<string, TerraformResource>>;
}

interface CdktfTestingModule {
  synthesizeStack(config: unknown, environment: string): string;
  validateInfraConfig(input: unknown, source: string): unknown;
  configFromEnvironment(env: Record<string, string | undefined>): unknown;
  InvalidInfraConfigError: new (...args: never[]) => Error & { problems: string[] };
  transferTableSchema(): Array<{ name: string; type: string }>;
  Testing: {
    toHaveResourceWithProperties(received: string, resourceType: string, properties: Record<string, unknown>): boolean;
    toHaveProvider(received: string, resourceType: string): boolean;
  };
}

export const EXAMPLE_CONFIG = {
  github: { repository: "acme/clickstream-elt", productionBranch: "main" },
  environments: {
    dev: { projectId: "acme-clickstream-dev", region: "europe-west1", location: "EU" },
    prod: { projectId: "acme-clickstream-prod", region: "europe-west1", location: "EU" },
  },
};

export async function loadCdktf(): Promise<CdktfTestingModule> {
  await ensureCdktfDependencies();
  return (await import(join(CDKTF_DIR, "src/testing/synthesizeStack.ts"))) as CdktfTestingModule;
}

export interface SynthesizedEnvironment {
  text: string;
  json: TerraformJson;
}

export async function synthesizeEnvironments(names: string[], rawConfig: unknown = EXAMPLE_CONFIG): Promise<Record<string, SynthesizedEnvironment>> {
  const cdktf = await loadCdktf();
  const config = cdktf.validateInfraConfig(rawConfig, "tests");
  return Object.fromEntries(
    names.map((name) => {
      const text = cdktf.synthesizeStack(config, name);
      return [name, { text, json: JSON.parse(text) as TerraformJson }];
    }),
  );
}

/** Every resource of a type, by logical id. */
export function resourcesOf(json: TerraformJson, type: string): TerraformResource[] {
  return Object.values(json.resource[type] ?? {});
}

/** A logical id without cdktf's hash suffix: the construct path joined by "_". */
const constructPath = (logicalId: string) => logicalId.replace(/_[0-9A-F]{8}$/, "");

function logicalIdAt(json: TerraformJson, type: string, pathEnd: string): string {
  const wanted = pathEnd.replace(/\//g, "_");
  const found = Object.keys(json.resource[type] ?? {}).filter((id) => constructPath(id) === wanted || constructPath(id).endsWith(`_${wanted}`));
  if (found.length !== 1) throw new Error(`Expected one ${type} at */${pathEnd}, found ${found.length}`);
  return found[0]!;
}

/** The one resource of a type whose construct path ends with `pathEnd` ("landing/bucket"). */
export function resourceAt(json: TerraformJson, type: string, pathEnd: string): TerraformResource {
  return json.resource[type]![logicalIdAt(json, type, pathEnd)]!;
}

/** `${google_x.logical_id.attr}` for the resource at `pathEnd`: how other resources reference it. */
export function referenceTo(json: TerraformJson, type: string, pathEnd: string, attribute: string): string {
  return `\${${type}.${logicalIdAt(json, type, pathEnd)}.${attribute}}`;
}

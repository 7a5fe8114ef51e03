/** `npm run infra:synth`: installs cdktf/ dependencies if needed, then synthesizes (main.ts). */
import { ensureCdktfDependencies } from "./ensureDependencies.js";

await ensureCdktfDependencies((line) => process.stderr.write(`${line}\n`));
await import("../main.js");

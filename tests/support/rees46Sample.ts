/**
 * The real REES46 sample lives outside the repository (its licence could not be verified):
 * ../shared/data/rees46/ by default, or REES46_SAMPLE_DIR. Tests that need it announce its absence.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { REPOSITORY_ROOT } from "./fixtureProject.js";

export const REES46_SAMPLE_DIR = resolve(process.env["REES46_SAMPLE_DIR"] ?? join(REPOSITORY_ROOT, "../shared/data/rees46"));
export const REES46_SAMPLE_FILE = join(REES46_SAMPLE_DIR, "2019-Oct-sample-a.csv");
export const REES46_SAMPLE_AVAILABLE = existsSync(REES46_SAMPLE_FILE);

if (!REES46_SAMPLE_AVAILABLE) {
  console.warn(
    `\n*** NOTICE: the REES46 sample is not at ${REES46_SAMPLE_FILE}; the tests on real data are SKIPPED. ` +
      "Set REES46_SAMPLE_DIR to the folder holding 2019-Oct-sample-a.csv. ***\n",
  );
}

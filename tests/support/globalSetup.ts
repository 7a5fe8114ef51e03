/**
 * Once before the suite: install BigQuery's offline check (ZetaSQL, runner/zetasql/server) if it is
 * missing, so that no test pays for the install inside its time limit. CI always runs the check.
 */
import { ensureZetasqlInstalled } from "../../runner/zetasql/installZetasql.js";

export default async function setup(): Promise<void> {
  await ensureZetasqlInstalled((line) => console.log(line));
}

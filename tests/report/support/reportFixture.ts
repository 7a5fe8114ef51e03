/**
 * A warehouse built by the real models from a dozen hand-made events whose every figure in the
 * report can be worked out by hand (see readReportData.test.ts).
 *
 * Tuesday 1 Oct: session A (user 1) views, carts and buys a phone (120 s); session B (user 2)
 * views a toy, logged twice. Wednesday 2 Oct: session C (user 3) views the phone and the toy, carts
 * the toy and removes it (300 s); session D (user 4) buys the toy without viewing it; one row has
 * a negative price. Thursday 3 Oct: session E (user 5) views, carts and buys the phone (20 s).
 * One line has an impossible timestamp and is quarantined at load.
 */
import { runProject } from "../../../runner/runProject.js";
import { REPOSITORY_ROOT } from "../../support/fixtureProject.js";
import { loadEventLines } from "../../support/loadHarness.js";

const PHONE = "1001,2053013555631882655,electronics.smartphone,apple,100.00";
const TOY = "2001,2053013555631882999,kids.toys,lego,20.00";
const session = (n: number) => `aaaaaaaa-0000-4000-8000-00000000000${n}`;

export const REPORT_FIXTURE_EVENTS = [
  `2019-10-01 10:00:00 UTC,view,${PHONE},1,${session(1)}`,
  `2019-10-01 10:01:00 UTC,cart,${PHONE},1,${session(1)}`,
  `2019-10-01 10:02:00 UTC,purchase,${PHONE},1,${session(1)}`,
  `2019-10-01 11:00:00 UTC,view,${TOY},2,${session(2)}`,
  `2019-10-01 11:00:00 UTC,view,${TOY},2,${session(2)}`,
  `2019-10-02 12:00:00 UTC,view,${PHONE},3,${session(3)}`,
  `2019-10-02 12:00:30 UTC,view,${TOY},3,${session(3)}`,
  `2019-10-02 12:01:00 UTC,cart,${TOY},3,${session(3)}`,
  `2019-10-02 12:05:00 UTC,remove_from_cart,${TOY},3,${session(3)}`,
  `2019-10-02 13:00:00 UTC,purchase,${TOY},4,${session(4)}`,
  `2019-10-02 14:00:00 UTC,view,2002,2053013555631882999,kids.toys,lego,-5.00,6,${session(6)}`,
  `2019-10-03 20:00:00 UTC,view,${PHONE},5,${session(5)}`,
  `2019-10-03 20:00:10 UTC,cart,${PHONE},5,${session(5)}`,
  `2019-10-03 20:00:20 UTC,purchase,${PHONE},5,${session(5)}`,
  `2019-13-45 20:00:20 UTC,view,${PHONE},5,${session(5)}`,
];

/** Raw tables with the fixture loaded; the models are not run. */
export async function loadReportFixture(dir: string, name = "report"): Promise<string> {
  return loadEventLines(dir, name, REPORT_FIXTURE_EVENTS);
}

/** Runs every action of the real project on the warehouse; throws when one fails. */
export async function runModels(warehousePath: string): Promise<void> {
  const { result } = await runProject({ projectDir: REPOSITORY_ROOT, warehousePath });
  const failed = result.actions.filter((action) => action.status !== "successful");
  if (failed.length > 0) throw new Error(`actions failed: ${failed.map((action) => `${action.name}: ${action.error}`).join("; ")}`);
}

/**
 * `clickstream transfer`: starts a run of the BigQuery Data Transfer config that loads new CSV drops
 * from the landing bucket (cdktf/ provisions it) and follows it to the end.
 */
import type { DataTransferServiceClient } from "@google-cloud/bigquery-data-transfer";
import { TransferRunFailedError } from "./errors.js";

/** google.cloud.bigquery.datatransfer.v1.TransferState. */
const STATES: Record<number, string> = { 0: "STATE_UNSPECIFIED", 1: "PENDING", 2: "PENDING", 3: "RUNNING", 4: "SUCCEEDED", 5: "FAILED", 6: "CANCELLED" };
const FINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

export interface TransferRunResult {
  run: string;
  state: string;
  polls: number;
}

export function stateName(state: unknown): string {
  return typeof state === "number" ? STATES[state] ?? String(state) : String(state);
}

export async function runTransfer(
  client: DataTransferServiceClient,
  config: string,
  options: { pollMs?: number; timeoutMs?: number; onState?: (state: string) => void } = {},
): Promise<TransferRunResult> {
  const [started] = await client.startManualTransferRuns({
    parent: config,
    requestedRunTime: { seconds: Math.floor(Date.now() / 1000) },
  });
  const run = started.runs?.[0]?.name;
  if (!run) throw new TransferRunFailedError(config, "UNKNOWN", "the service started no run");
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  for (let polls = 1; ; polls++) {
    const [current] = await client.getTransferRun({ name: run });
    const state = stateName(current.state);
    options.onState?.(state);
    if (state === "SUCCEEDED") return { run, state, polls };
    if (FINAL.has(state)) throw new TransferRunFailedError(run, state, current.errorStatus?.message ?? "no detail given");
    if (Date.now() > deadline) throw new TransferRunFailedError(run, state, "timed out waiting for the run to finish");
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 5000));
  }
}

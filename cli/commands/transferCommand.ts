import type { Command } from "commander";
import { UsageError, type GlobalOptions } from "../options.js";
import { formatDuration, Output } from "../output.js";
import { addBigqueryTargetFlags, targetFlags, type BigqueryTargetFlags } from "./bigqueryFlags.js";

interface TransferFlags extends BigqueryTargetFlags {
  config?: string;
}

export function registerTransferCommand(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command("transfer")
    .description("start a run of the BigQuery Data Transfer config that loads CSV drops from the bucket, and follow it")
    .option("--config <name>", "projects/P/locations/L/transferConfigs/ID (or CLICKSTREAM_TRANSFER_CONFIG; cdktf prints it)");
  addBigqueryTargetFlags(command).action(async (flags: TransferFlags, command: Command) => {
    const output = new Output(command.optsWithGlobals<GlobalOptions>());
    const config = flags.config ?? process.env["CLICKSTREAM_TRANSFER_CONFIG"];
    if (!config) throw new UsageError("Name the transfer config: --config projects/P/locations/L/transferConfigs/ID.");
    const started = performance.now();
    const { createDataTransfer, resolveTarget } = await import("../../loaders/bigquery/googleClients.js");
    const { runTransfer } = await import("../../loaders/bigquery/runTransfer.js");
    const target = resolveTarget({ bucket: "unused", ...targetFlags(flags) });
    const result = await runTransfer(createDataTransfer(target), config, { onState: (state) => output.line(`transfer run: ${state}`) });
    output.line(`Transfer run ${result.run} succeeded in ${formatDuration(performance.now() - started)}.`);
    output.json({ status: "successful", ...result });
    setExitCode(0);
  });
}

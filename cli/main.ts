/**
 * The `clickstream` command line. Subcommands live in cli/commands/; each sets the exit code.
 */
import { Command, CommanderError, Option } from "commander";
import { ActionSelectionError } from "../runner/graph/actionGraph.js";
import { MissingCredentialsError } from "../runner/bigquery/dataformCli.js";
import { CredentialsError } from "../runner/bigquery/dataformCredentials.js";
import { CompilationFailedError } from "../runner/compile/compileProject.js";
import { InvalidGenerateOptionsError } from "../loaders/generate/generateDataset.js";
import { LoadError, NoInputFilesError } from "../loaders/errors.js";
import { MissingTargetSettingError, TransferRunFailedError } from "../loaders/bigquery/errors.js";
import { TranspileError } from "../runner/transpile/errors.js";
import { ZetasqlServiceError } from "../runner/zetasql/zetasqlService.js";
import { DEFAULT_MEMORY_LIMIT, DEFAULT_WAREHOUSE_PATH, setDefaultMemoryLimit, WarehouseOpenError } from "../runner/warehouse/duckdbWarehouse.js";
import { registerCheckCommand } from "./commands/checkCommand.js";
import { registerCompileCommand } from "./commands/compileCommand.js";
import { registerDevCommand } from "./commands/devCommand.js";
import { registerDocsCommand } from "./commands/docsCommand.js";
import { registerGenerateCommand } from "./commands/generateCommand.js";
import { registerLoadCommand } from "./commands/loadCommand.js";
import { registerTransferCommand } from "./commands/transferCommand.js";
import { registerPipelineCommand } from "./commands/pipelineCommand.js";
import { registerReportCommand } from "./commands/reportCommand.js";
import { registerRunCommand } from "./commands/runCommand.js";
import { registerTestCommand } from "./commands/testCommand.js";
import { UsageError } from "./options.js";

/** Errors whose message tells the user what to do; anything else is a bug and shows its stack. */
const EXPECTED_ERRORS = [
  ActionSelectionError,
  CompilationFailedError,
  InvalidGenerateOptionsError,
  LoadError,
  MissingTargetSettingError,
  NoInputFilesError,
  TransferRunFailedError,
  MissingCredentialsError,
  CredentialsError,
  TranspileError,
  UsageError,
  WarehouseOpenError,
  ZetasqlServiceError,
];

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command("clickstream")
    .description("E-commerce clickstream ELT: Dataform models on BigQuery, runnable on an embedded DuckDB warehouse.")
    .addOption(new Option("--target <target>", "warehouse to work on").choices(["duckdb", "bigquery"]).default("duckdb"))
    .option("--warehouse <path>", "the DuckDB warehouse file (duckdb target)", DEFAULT_WAREHOUSE_PATH)
    .option("--memory-limit <size>", "the memory DuckDB may use, such as 3GB (its buffer pool gets 90 %, the rest covers its other allocations); larger work spills to disk (duckdb target)", DEFAULT_MEMORY_LIMIT)
    .option("--project-dir <dir>", "the Dataform project directory", ".")
    .option("--json", "print one JSON document on stdout; logs go to stderr", false)
    .option("--quiet", "print only errors", false)
    .showHelpAfterError()
    // Every command's help lists the options it shares with all commands (--warehouse, --memory-limit, ...).
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .hook("preAction", (command) => setDefaultMemoryLimit(command.opts<{ memoryLimit: string }>().memoryLimit));
  registerGenerateCommand(program, setExitCode);
  registerLoadCommand(program, setExitCode);
  registerTransferCommand(program, setExitCode);
  registerCompileCommand(program, setExitCode);
  registerCheckCommand(program, setExitCode);
  registerRunCommand(program, setExitCode);
  registerTestCommand(program, setExitCode);
  registerDevCommand(program, setExitCode);
  registerReportCommand(program, setExitCode);
  registerDocsCommand(program, setExitCode);
  registerPipelineCommand(program, setExitCode);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (EXPECTED_ERRORS.some((type) => error instanceof type)) {
      process.stderr.write(`Error: ${(error as Error).message}\n`);
      const usage = [UsageError, ActionSelectionError, InvalidGenerateOptionsError, NoInputFilesError, MissingTargetSettingError].some((type) => error instanceof type);
      return usage ? 2 : 1;
    }
    process.stderr.write(`Unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

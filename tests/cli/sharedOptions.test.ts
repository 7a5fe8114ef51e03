/**
 * One set of flags: every command's help against one list of the shared options each command takes,
 * each rendered exactly as its single definition (same name, description and default everywhere).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, type Option } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../cli/main.js";
import { SHARED_OPTIONS, type SharedOptionName } from "../../cli/sharedOptions.js";
import { BAD_INPUT } from "../support/loadHarness.js";
import { runCli } from "../support/runCli.js";

/** The one list: which shared options each command takes. */
const SHARED_BY_COMMAND: Record<string, SharedOptionName[]> = {
  generate: [],
  load: ["replace", "maxRejected", "mapColumns"],
  transfer: [],
  compile: ["vars", "schemaSuffix"],
  check: ["vars", "schemaSuffix"],
  run: ["fullRefresh", "vars", "skipCheck", "schemaSuffix"],
  test: ["vars"],
  report: ["vars", "schemaSuffix"],
  docs: ["vars", "schemaSuffix"],
  dev: ["fullRefresh", "vars", "skipCheck", "schemaSuffix"],
  pipeline: ["replace", "maxRejected", "mapColumns", "fullRefresh", "vars", "skipCheck"],
};
/** Options of the program itself, which every command takes and lists. */
const GLOBAL_FLAGS = ["--target", "--warehouse", "--memory-limit", "--project-dir", "--json", "--quiet"];

/** A help text's options, flag → its entry with wrapping undone ("--max-rejected <n|p%> invalid ... (default: 1%)"). */
function helpEntries(help: string): Map<string, string> {
  const entries = new Map<string, string>();
  let current: string | undefined;
  for (const line of help.split("\n")) {
    const start = /^ {2}(-{1,2}[\w-]+)(?:, (--[\w-]+))?/.exec(line);
    if (start) {
      current = start[2] ?? start[1]!;
      entries.set(current, line.trim());
    } else if (current && /^ {4,}\S/.test(line)) entries.set(current, `${entries.get(current)} ${line.trim()}`);
    else current = undefined;
  }
  for (const [flag, entry] of entries) entries.set(flag, entry.replace(/\s+/g, " "));
  return entries;
}

/** How the single definition renders in help. */
function renderedAlone(option: Option): string {
  const scratch = new Command("scratch").addOption(option);
  return helpEntries(scratch.helpInformation()).get(option.long!)!;
}

const program = buildProgram(() => undefined);
const sharedFlags = new Map(Object.entries(SHARED_OPTIONS).map(([name, make]) => [make().long!, name as SharedOptionName]));

describe("one set of flags", () => {
  it("the list names every command", () => {
    expect(program.commands.map((command) => command.name()).sort()).toEqual(Object.keys(SHARED_BY_COMMAND).sort());
  });

  for (const [name, expected] of Object.entries(SHARED_BY_COMMAND)) {
    it(`${name}: takes exactly its shared options from the list, as defined once, and lists the global ones`, () => {
      const help = helpEntries(program.commands.find((command) => command.name() === name)!.helpInformation());
      const shared = [...help.keys()].filter((flag) => sharedFlags.has(flag)).map((flag) => sharedFlags.get(flag)!);
      expect(shared.sort()).toEqual([...expected].sort());
      for (const option of expected) {
        const definition = SHARED_OPTIONS[option]();
        expect(help.get(definition.long!)).toBe(renderedAlone(definition));
      }
      for (const flag of GLOBAL_FLAGS) expect(help.get(flag), flag).toBe(helpEntries(program.helpInformation()).get(flag));
    });
  }
});

describe("pipeline passes the load flags on", () => {
  const dir = mkdtempSync(join(tmpdir(), "pipeline-flags-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("--max-rejected reaches the load step (default 1 %, here 3 lines)", async () => {
    const file = join(BAD_INPUT, "bad_values.csv");
    const warehouse = ["--warehouse", join(dir, "w.duckdb")];
    const byDefault = await runCli(["pipeline", "--input", file, ...warehouse, "--memory-limit", "1GB"]);
    expect(byDefault.exitCode).toBe(1);
    expect(byDefault.stderr).toMatch(/7 of 8 lines are invalid, more than --max-rejected 1%/);
    const withFlag = await runCli(["pipeline", "--input", file, ...warehouse, "--max-rejected", "3"]);
    expect(withFlag.exitCode).toBe(1);
    expect(withFlag.stderr).toMatch(/7 of 8 lines are invalid, more than --max-rejected 3;/);
  });
});

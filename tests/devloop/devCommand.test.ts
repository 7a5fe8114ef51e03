/**
 * `clickstream dev` as an analyst runs it, on a copy of this project with a small warehouse: a save
 * rebuilds exactly the actions of the saved model and their assertions, once; an includes/ change
 * rebuilds exactly the actions that compile differently; a compile error and a SQL error leave the
 * table as it was (and the SQL error names the SQLX line); Ctrl-C leaves no process behind (the
 * ZetaSQL service included). Builds are read from the command's --json lines.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileProject } from "../../runner/compile/compileProject.js";
import { graphActions } from "../../runner/graph/actionGraph.js";
import { DuckdbWarehouse } from "../../runner/warehouse/duckdbWarehouse.js";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";
import { copyThisProject, type ProjectCopy } from "../support/projectCopy.js";
import { runCli } from "../support/runCli.js";

const MODEL = "definitions/marts/event_type_by_hour.sqlx";
const NAME = "clickstream-dev.marts.event_type_by_hour";

interface BuildEvent {
  event: string;
  files: string[];
  status: string;
  changed: string[];
  actions: Array<{ name: string; status: string; location?: { file: string; line: number; column: number } }>;
  relations: Array<{ name: string; rows: number; columns: string[]; preview: unknown[][] }>;
  unitTests: Array<{ name: string; status: string }>;
  resultMs: number;
}

let project: ProjectCopy;
let dev: ChildProcess;
const events: BuildEvent[] = [];
let stderr = "";
let original: string;
/** The actions written in MODEL: the model and the assertions its config block declares. */
let inModelFile: string[];

async function nextEvent(count: number, timeoutMs = 240_000): Promise<BuildEvent> {
  const started = Date.now();
  while (events.length < count) {
    if (Date.now() - started > timeoutMs) throw new Error(`no event ${count} from clickstream dev; stderr:\n${stderr}`);
    if (dev.exitCode !== null) throw new Error(`clickstream dev exited (${dev.exitCode}); stderr:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return events[count - 1]!;
}

/** The table's rows in a fixed order, as text: what "unchanged" is compared on. */
async function tableContent(): Promise<string> {
  const warehouse = await DuckdbWarehouse.open(project.warehousePath, { readOnly: true });
  try {
    const rows = await warehouse.query("SELECT * FROM marts.event_type_by_hour ORDER BY ALL");
    return JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? String(value) : value));
  } finally {
    warehouse.close();
  }
}

beforeAll(async () => {
  project = copyThisProject();
  original = project.read(MODEL);
  const data = join(project.dir, "data");
  const common = ["--project-dir", project.dir, "--warehouse", project.warehousePath, "--memory-limit", "1GB"];
  expect((await runCli(["generate", "--events", "2000", "--days", "2", "--out", data, "--quiet"])).exitCode).toBe(0);
  expect((await runCli(["load", data, ...common, "--quiet"])).exitCode).toBe(0);
  const built = await runCli(["run", "--skip-check", ...common, "--quiet"]);
  expect(built.exitCode, built.stderr).toBe(0);

  dev = spawn(process.execPath, [join(REPOSITORY_ROOT, "bin/clickstream.js"), "dev", "--json", "--debounce", "200", ...common], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  dev.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: dev.stdout! }).on("line", (line) => events.push(JSON.parse(line) as BuildEvent));
  expect((await nextEvent(1)).event).toBe("ready");
}, 600_000);

afterAll(() => {
  if (dev && dev.exitCode === null) dev.kill("SIGKILL");
  project?.remove();
});

describe("clickstream dev", () => {
  it("rebuilds exactly the saved model and its assertions, once, and shows its rows", async () => {
    const graph = await compileProject({ projectDir: project.dir });
    const assertions = graphActions(graph).filter((action) => action.kind === "assertion" && action.dependencies.includes(NAME)).map((action) => action.name);
    expect(assertions.length).toBeGreaterThanOrEqual(3);
    inModelFile = graphActions(graph).filter((action) => action.fileName === MODEL).map((action) => action.name);
    expect(inModelFile).toContain(NAME);
    // Assertions declared elsewhere (marts_are_fresh) run too, but are not "changed".
    expect(assertions.some((name) => !inModelFile.includes(name))).toBe(true);
    project.write(MODEL, original.replace("COUNT(*) AS event_count,", "COUNT(*) AS event_count,  -- counted"));
    const build = await nextEvent(2);
    expect(build).toMatchObject({ event: "build", files: [MODEL], status: "successful" });
    expect(build.changed.sort()).toEqual([...inModelFile].sort());
    expect(build.actions.map((action) => action.name).sort()).toEqual([NAME, ...assertions].sort());
    expect(build.actions.every((action) => action.status === "successful")).toBe(true);
    const truth = JSON.parse(await tableContent()) as unknown[];
    expect(build.relations).toEqual([expect.objectContaining({ name: NAME, rows: truth.length, columns: ["event_date", "event_hour", "event_type", "event_count", "loaded_through"] })]);
    expect(build.relations[0]!.preview).toHaveLength(5);
    expect(build.unitTests.map((test) => [test.name, test.status])).toEqual([["event_type_by_hour_counts_events_per_hour_and_type", "passed"]]);
    // Exactly one: nothing else comes for this save.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(events).toHaveLength(2);
  }, 300_000);

  it("a compile error keeps the last good table and runs nothing", async () => {
    const before = await tableContent();
    project.write(MODEL, original.replace("config {", "config {{"));
    const build = await nextEvent(3);
    expect(build).toMatchObject({ status: "compile error", actions: [] });
    expect(await tableContent()).toBe(before);
  }, 300_000);

  it("a SQL error keeps the last good table and names the SQLX line; BigQuery's check stops it before DuckDB", async () => {
    const before = await tableContent();
    const broken = original.replace("MAX(loaded_through) AS loaded_through", "MAX(loaded_thru) AS loaded_through");
    project.write(MODEL, broken);
    const build = await nextEvent(4);
    expect(build.status).toBe("refused");
    expect(build.actions).toEqual([]);
    expect(stderr).toMatch(new RegExp(`${MODEL}:\\d+:7: Unrecognized name: loaded_thru`));
    expect(await tableContent()).toBe(before);
  }, 300_000);

  it("an error DuckDB raises (BigQuery accepts the statement) keeps the last good table and names the SQLX line", async () => {
    const before = await tableContent();
    const broken = original.replace("COUNT(*) AS event_count,", "COUNT(*) + CAST(event_type AS INT64) AS event_count,");
    project.write(MODEL, broken);
    const build = await nextEvent(5);
    expect(build.status).toBe("failed");
    const failed = build.actions.find((action) => action.name === NAME)!;
    expect(failed.status).toBe("failed");
    const line = broken.split("\n").findIndex((text) => text.includes("CAST(event_type AS INT64)")) + 1;
    expect(failed.location).toMatchObject({ file: MODEL, line });
    expect(await tableContent()).toBe(before);
  }, 300_000);

  it("a change to includes/ rebuilds exactly the actions that compile differently", async () => {
    project.write(MODEL, original);
    const restored = await nextEvent(6);
    expect(restored.status).toBe("successful");
    expect(restored.changed.sort()).toEqual([...inModelFile].sort());
    const includes = project.read("includes/constants.js");
    const before = graphActions(await compileProject({ projectDir: project.dir }));
    // A harmless constant added: nothing compiles differently, so nothing is rebuilt.
    project.write("includes/constants.js", `${includes}\nmodule.exports.UNUSED_BY_ANY_MODEL = 1;\n`);
    const build = await nextEvent(7);
    expect(build).toMatchObject({ files: ["includes/constants.js"], changed: [], actions: [] });
    expect(before.length).toBeGreaterThan(50);
  }, 300_000);

  it("Ctrl-C stops it and leaves no process running (the ZetaSQL service included)", async () => {
    const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(dev.pid)]).toString().trim().split(/\s+/).filter(Boolean).map(Number);
    expect(children.length).toBeGreaterThan(0);
    dev.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => (dev.exitCode !== null ? resolve(dev.exitCode) : dev.once("exit", (exit) => resolve(exit))));
    expect(code).toBe(0);
    expect(events.at(-1)?.event).toBe("stopped");
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const pid of children) expect(() => process.kill(pid, 0), `child ${pid} still runs`).toThrow();
  }, 120_000);
});

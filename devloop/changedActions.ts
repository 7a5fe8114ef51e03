/**
 * Which actions a save changed. Each action's compiled form (query, config, dependencies, file) is
 * fingerprinted; an action changed when its fingerprint differs from the one it was last built
 * with, or when its own file was saved (a save is a request to rebuild, even if the text is the
 * same). A change to includes/ thus reaches exactly the actions that compile differently.
 */
import { createHash } from "node:crypto";
import type { CompiledGraph, CompiledTest } from "../runner/graph/compiledGraph.js";
import { readableName } from "../runner/graph/targets.js";

export type Fingerprints = Map<string, string>;

const hash = (value: unknown) => createHash("sha1").update(JSON.stringify(value)).digest("hex");

/** Executable actions (tables, operations, assertions) by readable name → fingerprint of their compiled form. */
export function actionFingerprints(graph: CompiledGraph): Fingerprints {
  const actions = [...(graph.tables ?? []), ...(graph.operations ?? []), ...(graph.assertions ?? [])];
  return new Map(actions.map((action) => [readableName(action.target), hash(action)]));
}

/** Unit tests by name → fingerprint of their queries (which hold the tested model's SQL). */
export function testFingerprints(tests: CompiledTest[]): Fingerprints {
  return new Map(tests.map((test) => [test.name, hash(test)]));
}

/** The files an action is written in: its fileName, and the .ts a generated .js comes from. */
function sourceFiles(fileName: string): string[] {
  return fileName.endsWith(".js") ? [fileName, fileName.replace(/\.js$/, ".ts")] : [fileName];
}

export interface ChangeSet {
  /** Actions to rebuild, by readable name. */
  changed: string[];
  /** Actions that are gone from the graph. */
  removed: string[];
}

/**
 * `built`: the fingerprints the warehouse was last built with; `savedFiles`: project-relative
 * paths saved since.
 */
export function changedActions(built: Fingerprints, graph: CompiledGraph, savedFiles: string[]): ChangeSet {
  const now = actionFingerprints(graph);
  const saved = new Set(savedFiles.map((file) => file.replace(/\\/g, "/")));
  const fileOf = new Map(
    [...(graph.tables ?? []), ...(graph.operations ?? []), ...(graph.assertions ?? [])].map((action) => [readableName(action.target), action.fileName]),
  );
  const changed = [...now].filter(
    ([name, fingerprint]) => built.get(name) !== fingerprint || sourceFiles(fileOf.get(name) ?? "").some((file) => saved.has(file)),
  );
  return { changed: changed.map(([name]) => name), removed: [...built.keys()].filter((name) => !now.has(name)) };
}

/** Unit tests whose compiled queries changed or whose file was saved. */
export function changedTests(built: Fingerprints, tests: CompiledTest[], savedFiles: string[]): CompiledTest[] {
  const now = testFingerprints(tests);
  const saved = new Set(savedFiles);
  return tests.filter((test) => built.get(test.name) !== now.get(test.name) || sourceFiles(test.fileName).some((file) => saved.has(file)));
}

/**
 * The executable actions of a compiled graph (tables, operations, assertions) in one uniform shape,
 * and `dataform run`'s selection rules (`--actions`, `--tags`, `--include-deps`, `--include-dependents`).
 */
import type {
  CompiledAssertion,
  CompiledGraph,
  CompiledOperation,
  CompiledTable,
  Target,
} from "./compiledGraph.js";
import { readableName } from "./targets.js";

export type GraphAction =
  | { kind: "table"; name: string; target: Target; fileName: string; tags: string[]; dependencies: string[]; disabled: boolean; table: CompiledTable }
  | { kind: "operation"; name: string; target: Target; fileName: string; tags: string[]; dependencies: string[]; disabled: boolean; operation: CompiledOperation }
  | { kind: "assertion"; name: string; target: Target; fileName: string; tags: string[]; dependencies: string[]; disabled: boolean; assertion: CompiledAssertion };

export class ActionSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ActionSelectionError";
  }
}

export interface Selection {
  actions?: string[];
  tags?: string[];
  includeDependencies?: boolean;
  includeDependents?: boolean;
}

/** Tables, then operations, then assertions: the order Dataform builds them in. */
export function graphActions(graph: CompiledGraph, options: { disableAssertions?: boolean } = {}): GraphAction[] {
  const common = (action: {
    target: Target;
    fileName: string;
    tags?: string[];
    dependencyTargets?: Target[];
    disabled?: boolean;
  }) => ({
    name: readableName(action.target),
    target: action.target,
    fileName: action.fileName,
    tags: action.tags ?? [],
    dependencies: (action.dependencyTargets ?? []).map(readableName),
    disabled: action.disabled ?? false,
  });
  return [
    ...(graph.tables ?? []).map((table): GraphAction => ({ kind: "table", ...common(table), table })),
    ...(graph.operations ?? []).map((operation): GraphAction => ({ kind: "operation", ...common(operation), operation })),
    ...(graph.assertions ?? []).map((assertion): GraphAction => {
      const action = common(assertion);
      return { kind: "assertion", ...action, disabled: action.disabled || (options.disableAssertions ?? false), assertion };
    }),
  ];
}

/**
 * Applies `dataform run`'s selection. Deviations, chosen because users expect them:
 * - `schema.name` also matches when the target has a database (Dataform needs `database.schema.name`);
 * - `*` works as a wildcard (the Dataform help text promises it, the CLI does not do it);
 * - a pattern that matches nothing is an error, not silently ignored.
 */
export function selectActions(actions: GraphAction[], selection: Selection): GraphAction[] {
  const hasSelection = (selection.actions?.length ?? 0) > 0 || (selection.tags?.length ?? 0) > 0;
  if (!hasSelection) {
    if (selection.includeDependencies || selection.includeDependents) {
      throw new ActionSelectionError("--include-deps and --include-dependents need --actions or --tags.");
    }
    return actions;
  }
  const byName = new Map(actions.map((action) => [action.name, action]));
  const selected = new Set<string>();
  for (const pattern of selection.actions ?? []) {
    const matches = actions.filter((action) => matchesPattern(action, pattern));
    if (matches.length === 0) {
      throw new ActionSelectionError(`No action matches "${pattern}". ${suggestion(actions, pattern)}`);
    }
    if (matches.length > 1 && !pattern.includes("*")) {
      throw new ActionSelectionError(
        `Ambiguous action name "${pattern}": it matches ${matches.map((action) => action.name).join(", ")}. Use schema.name.`,
      );
    }
    for (const match of matches) selected.add(match.name);
  }
  const tags = new Set(selection.tags ?? []);
  for (const action of actions) {
    if (action.tags.some((tag) => tags.has(tag))) selected.add(action.name);
  }
  if (selection.includeDependencies) {
    const pending = [...selected];
    while (pending.length > 0) {
      const action = byName.get(pending.pop()!);
      for (const dependency of action?.dependencies ?? []) {
        if (byName.has(dependency) && !selected.has(dependency)) {
          selected.add(dependency);
          pending.push(dependency);
        }
      }
    }
  }
  if (selection.includeDependents) addDependents(actions, selected);
  return actions.filter((action) => selected.has(action.name));
}

/** Adds to `selected` (action names) every action that depends on one of them, transitively. */
export function addDependents(actions: GraphAction[], selected: Set<string>): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const action of actions) {
      if (!selected.has(action.name) && action.dependencies.some((dependency) => selected.has(dependency))) {
        selected.add(action.name);
        grew = true;
      }
    }
  }
}

function matchesPattern(action: GraphAction, pattern: string): boolean {
  const candidates = pattern.includes(".")
    ? [action.name, `${action.target.schema}.${action.target.name}`]
    : [action.target.name];
  if (!pattern.includes("*")) return candidates.includes(pattern);
  const regex = new RegExp(`^${pattern.split("*").map(escapeRegex).join(".*")}$`);
  return candidates.some((candidate) => regex.test(candidate));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function suggestion(actions: GraphAction[], pattern: string): string {
  const needle = pattern.toLowerCase().split(".").pop() ?? "";
  const close = actions
    .map((action) => action.target.name)
    .filter((name) => name.toLowerCase().includes(needle) || needle.includes(name.toLowerCase()))
    .slice(0, 5);
  return close.length > 0 ? `Did you mean: ${close.join(", ")}?` : "Run `clickstream compile` to list the actions.";
}

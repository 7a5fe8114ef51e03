/**
 * BigQuery script variables in Dataform operations: `DECLARE name TYPE [DEFAULT expr]` and
 * `SET name = expr`. A dry run cannot know a variable's run-time value, so the estimator dry-runs a
 * declaration's DEFAULT or an assignment's expression on its own and the statements that use the
 * variable with a bare declaration.
 */
import { lexBigquery, significantTokens } from "../transpile/lexBigquery.js";
import { scriptSteps } from "../zetasql/scriptSteps.js";

export interface Declaration {
  names: string[];
  type: string;
  /** The DEFAULT expression, when there is one. */
  defaultExpression?: string;
}

const DECLARE = /^\s*DECLARE\s+([A-Za-z_][\w]*(?:\s*,\s*[A-Za-z_][\w]*)*)\s+([\s\S]+?)(?:\s+DEFAULT\s+([\s\S]+?))?\s*;?\s*$/i;

/** The declaration a statement is, or undefined when it is not a single DECLARE. */
export function parseDeclaration(statement: string): Declaration | undefined {
  const withoutComments = statement.replace(/--[^\n]*/g, "");
  const match = DECLARE.exec(withoutComments);
  if (!match) return undefined;
  const [, names, type, defaultExpression] = match;
  return { names: names!.split(",").map((name) => name.trim()), type: type!.trim(), ...(defaultExpression ? { defaultExpression: defaultExpression.trim() } : {}) };
}

export interface Assignment {
  name: string;
  expression: string;
}

/**
 * The assignment a statement is, or undefined when it is not a single-variable SET: the check's own
 * script reading (scriptSteps), the expression ending at its last token (a trailing comment would
 * swallow what the estimator appends).
 */
export function parseAssignment(statement: string): Assignment | undefined {
  const steps = scriptSteps(statement);
  const step = steps.length === 1 ? steps[0] : undefined;
  if (step?.kind !== "set") return undefined;
  const last = significantTokens(lexBigquery(step.expressionSql)).at(-1);
  return last ? { name: step.name, expression: step.expressionSql.slice(0, last.start + last.text.length) } : undefined;
}

/** The declarations a statement uses (by name, outside string literals). */
export function usedDeclarations(statement: string, declarations: Declaration[]): Declaration[] {
  const code = statement.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, "''");
  return declarations.filter((declaration) => declaration.names.some((name) => new RegExp(`\\b${name}\\b`, "i").test(code)));
}

/** `DECLARE a, b TYPE;` without the default: enough for BigQuery to validate a statement that uses them. */
export function bareDeclaration(declaration: Declaration): string {
  return `DECLARE ${declaration.names.join(", ")} ${declaration.type};`;
}

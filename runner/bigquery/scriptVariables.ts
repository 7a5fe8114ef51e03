/**
 * BigQuery script variables in Dataform operations: `DECLARE name TYPE [DEFAULT expr]` and
 * `SET name = expr`. A dry run cannot know a variable's run-time value, so the estimator dry-runs a
 * declaration's DEFAULT or an assignment's expression on its own and the statements that use the
 * variable with a bare declaration.
 */
import { lexBigquery, significantTokens } from "../transpile/lexBigquery.js";
import { scriptSteps, type ScriptStep } from "../zetasql/scriptSteps.js";

export interface Declaration {
  names: string[];
  type: string;
  /** The DEFAULT expression, when there is one. */
  defaultExpression?: string;
}

/**
 * The declaration a statement is, or undefined when it is not a single DECLARE with a type: the
 * check's own script reading (scriptSteps), each part ending at its last token, so that a comment
 * inside it stays and one after it goes.
 */
export function parseDeclaration(statement: string): Declaration | undefined {
  const step = onlyStep(statement);
  if (step?.kind !== "declare" || !step.typeSql) return undefined;
  const type = untilLastToken(step.typeSql);
  if (!type) return undefined;
  const defaultExpression = step.defaultSql ? untilLastToken(step.defaultSql) : undefined;
  return { names: step.names, type, ...(defaultExpression ? { defaultExpression } : {}) };
}

/** The statement's one script step, or undefined when it holds several. */
function onlyStep(statement: string): ScriptStep | undefined {
  const steps = scriptSteps(statement);
  return steps.length === 1 ? steps[0] : undefined;
}

/** `sql` up to the end of its last significant token (no trailing comment or whitespace). */
function untilLastToken(sql: string): string | undefined {
  const last = significantTokens(lexBigquery(sql)).at(-1);
  return last ? sql.slice(0, last.start + last.text.length) : undefined;
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
  const step = onlyStep(statement);
  if (step?.kind !== "set") return undefined;
  const expression = untilLastToken(step.expressionSql);
  return expression ? { name: step.name, expression } : undefined;
}

/** The declarations a statement uses: their names as identifiers, not inside a string or a comment. */
export function usedDeclarations(statement: string, declarations: Declaration[]): Declaration[] {
  const identifiers = new Set(
    significantTokens(lexBigquery(statement))
      .filter((token) => token.kind === "identifier")
      .map((token) => token.text.toLowerCase()),
  );
  return declarations.filter((declaration) => declaration.names.some((name) => identifiers.has(name.toLowerCase())));
}

/** `DECLARE a, b TYPE;` without the default: enough for BigQuery to validate a statement that uses them. */
export function bareDeclaration(declaration: Declaration): string {
  return `DECLARE ${declaration.names.join(", ")} ${declaration.type};`;
}

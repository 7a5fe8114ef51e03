/**
 * A BigQuery script (what one Dataform task sends) as the steps the check analyzes. The ZetaSQL
 * service analyzes single statements, not scripts, so script-only statements become steps of
 * their own: `DECLARE` and `SET` are checked through their expressions and the variables join the
 * catalog as constants of their type; `BEGIN`/`END` blocks are flattened, after noting which
 * DECLAREs follow another statement of their block (BigQuery refuses those).
 */
import { lexBigquery, significantTokens, type Token } from "../transpile/lexBigquery.js";

export type ScriptStep =
  | { kind: "statement"; sql: string; start: number }
  | { kind: "declare"; names: string[]; typeSql?: string; defaultSql?: string; defaultStart: number; start: number; afterOtherStatements: boolean }
  | { kind: "set"; name: string; expressionSql: string; expressionStart: number; start: number };

/** Statements of `script` split at top-level semicolons, with their offsets; a piece of only comments is none. */
export function splitStatements(script: string): Array<{ sql: string; start: number }> {
  const tokens = lexBigquery(script);
  const statements: Array<{ sql: string; start: number }> = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const text = script.slice(start, end);
    const leading = text.length - text.trimStart().length;
    if (significantTokens(lexBigquery(text)).length > 0) statements.push({ sql: text.trim(), start: start + leading });
  };
  for (const token of tokens) {
    if (token.kind !== "punctuation") continue;
    if (token.text === "(" || token.text === "[") depth++;
    else if (token.text === ")" || token.text === "]") depth--;
    else if (token.text === ";" && depth === 0) {
      push(token.start);
      start = token.start + 1;
    }
  }
  push(script.length);
  return statements;
}

const upper = (token: Token | undefined) => token?.text.toUpperCase();

export function scriptSteps(script: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  // Per open block (the script is the outermost): has a statement other than DECLARE begun it?
  const blocks = [false];
  for (const statement of splitStatements(script)) {
    let { sql, start } = statement;
    let tokens = significantTokens(lexBigquery(sql));
    // `BEGIN stmt` opens a block (Dataform wraps INSERT_OVERWRITE this way); `END` closes it.
    if (upper(tokens[0]) === "BEGIN" && !["TRANSACTION", undefined].includes(upper(tokens[1]))) {
      blocks[blocks.length - 1] = true;
      blocks.push(false);
      const offset = tokens[1]!.start;
      sql = sql.slice(offset);
      start += offset;
      tokens = significantTokens(lexBigquery(sql));
    }
    if (tokens.length === 1 && upper(tokens[0]) === "END") {
      if (blocks.length > 1) blocks.pop();
      continue;
    }
    if (upper(tokens[0]) === "DECLARE") {
      steps.push(declareStep(sql, start, tokens, blocks[blocks.length - 1]!));
      continue;
    }
    blocks[blocks.length - 1] = true;
    if (upper(tokens[0]) === "SET" && tokens[1]?.kind === "identifier" && tokens[2]?.text === "=") {
      const expressionStart = tokens[3]?.start ?? sql.length;
      steps.push({ kind: "set", name: tokens[1].text, expressionSql: sql.slice(expressionStart), expressionStart: start + expressionStart, start });
    } else steps.push({ kind: "statement", sql, start });
  }
  return steps;
}

/** `DECLARE a, b [type] [DEFAULT expression]`. */
function declareStep(sql: string, start: number, tokens: Token[], afterOtherStatements: boolean): ScriptStep {
  const names: string[] = [];
  let index = 1;
  while (tokens[index]?.kind === "identifier" || tokens[index]?.kind === "quotedIdentifier") {
    names.push(tokens[index]!.text.replace(/`/g, ""));
    if (tokens[index + 1]?.text !== ",") break;
    index += 2;
  }
  const afterNames = tokens[index + 1];
  const defaultToken = tokens.slice(index + 1).find((token) => upper(token) === "DEFAULT");
  const typeSql = afterNames && afterNames !== defaultToken ? sql.slice(afterNames.start, defaultToken?.start ?? sql.length).trim() : undefined;
  const defaultStart = defaultToken ? (tokens[tokens.indexOf(defaultToken) + 1]?.start ?? sql.length) : sql.length;
  return {
    kind: "declare",
    names,
    typeSql: typeSql || undefined,
    defaultSql: defaultToken ? sql.slice(defaultStart) : undefined,
    defaultStart: start + defaultStart,
    // The keyword itself, past any comment before it: where a refusal of the DECLARE points.
    start: start + tokens[0]!.start,
    afterOtherStatements,
  };
}

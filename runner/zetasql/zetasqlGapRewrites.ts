/**
 * Functions BigQuery has that this ZetaSQL build (@fivetrandevelopers/zetasql 1.13.0) lacks,
 * rewritten into forms it knows, for the check and the reference engine only: production and
 * DuckDB run the text as written. Each rewrite is an equivalence BigQuery documents:
 *
 * | BigQuery            | sent to ZetaSQL as            | BigQuery's documentation                                  |
 * |---------------------|-------------------------------|-----------------------------------------------------------|
 * | `MAX_BY(x, y)`      | `ANY_VALUE(x HAVING MAX y)`   | "MAX_BY(x, y) ... Synonym for ANY_VALUE(x HAVING MAX y)"  |
 * | `MIN_BY(x, y)`      | `ANY_VALUE(x HAVING MIN y)`   | "MIN_BY(x, y) ... Synonym for ANY_VALUE(x HAVING MIN y)"  |
 *
 * Edits keep offsets mappable, so an error in the rewritten text still points into the original.
 */
import { lexBigquery, significantTokens } from "../transpile/lexBigquery.js";

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

export interface RewrittenSql {
  sql: string;
  /** The offset in the original text of an offset in the rewritten one. */
  toOriginal(offset: number): number;
  /** Names of the rewrites applied, for the report. */
  applied: string[];
}

const HAVING_SYNONYMS: Record<string, string> = { MAX_BY: "MAX", MIN_BY: "MIN" };

export function rewriteForZetasqlBuild(sql: string): RewrittenSql {
  const tokens = significantTokens(lexBigquery(sql));
  const edits: Edit[] = [];
  const applied = new Set<string>();
  tokens.forEach((token, index) => {
    const having = HAVING_SYNONYMS[token.text.toUpperCase()];
    if (!having || token.kind !== "identifier" || tokens[index + 1]?.text !== "(" || tokens[index - 1]?.text === ".") return;
    // The top-level comma between the two arguments.
    let depth = 0;
    for (let next = index + 1; next < tokens.length; next++) {
      const text = tokens[next]!.text;
      if (text === "(" || text === "[") depth++;
      else if (text === ")" || text === "]") {
        if (--depth === 0) return; // one argument: leave it for ZetaSQL to report
      } else if (text === "," && depth === 1) {
        edits.push({ start: token.start, end: token.start + token.text.length, replacement: "ANY_VALUE" });
        edits.push({ start: tokens[next]!.start, end: tokens[next]!.start + 1, replacement: ` HAVING ${having}` });
        applied.add(`${token.text.toUpperCase()}(x, y) → ANY_VALUE(x HAVING ${having} y)`);
        return;
      }
    }
  });
  return applyEdits(sql, edits, [...applied]);
}

function applyEdits(sql: string, edits: Edit[], applied: string[]): RewrittenSql {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let text = "";
  let cursor = 0;
  // (offset in rewritten text where an edit ends, cumulative shift after it)
  const shifts: Array<{ rewrittenEnd: number; originalEnd: number }> = [];
  for (const edit of sorted) {
    text += sql.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
    shifts.push({ rewrittenEnd: text.length, originalEnd: edit.end });
  }
  text += sql.slice(cursor);
  return {
    sql: text,
    applied,
    toOriginal(offset) {
      let last = { rewrittenEnd: 0, originalEnd: 0 };
      for (const shift of shifts) {
        if (shift.rewrittenEnd > offset) break;
        last = shift;
      }
      return last.originalEnd + (offset - last.rewrittenEnd);
    },
  };
}

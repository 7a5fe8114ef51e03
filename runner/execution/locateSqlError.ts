/**
 * Where an error of the local run sits in the file the analyst edits. DuckDB points into the
 * transpiled DuckDB SQL (often one flattened line: `LINE 1: ...` and a caret), polyglot into the
 * statement it parsed; neither is the text that was written. Both texts are cut into tokens, the
 * token at the error (or the name the message gives) is found in the compiled BigQuery text by its
 * neighbourhood (the tokens around it, and which occurrence it is), and that position goes through
 * locateInSource's line diff to the SQLX (or TS) file.
 */
import type { ParsePosition } from "../transpile/errors.js";
import { locateInSource, type SourceLocation } from "../zetasql/locateInSource.js";

export interface SqlErrorLocation extends SourceLocation {
  /** The translated SQL around the error, when it differs there from what was written. */
  ranAs?: string;
}

interface Token {
  /** What is compared: words lower-cased, identifiers without quotes, strings as `'content`. */
  key: string;
  start: number;
  end: number;
}

type Dialect = "bigquery" | "duckdb";

/** Tokens of SQL text; comments and whitespace dropped. Quoting follows the dialect. */
export function sqlTokens(sql: string, dialect: Dialect): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < sql.length) {
    const rest = sql.slice(at);
    const skip = /^(?:\s+|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$))/.exec(rest) ?? (dialect === "bigquery" ? /^#[^\n]*/.exec(rest) : null);
    if (skip) {
      at += skip[0].length;
      continue;
    }
    const string =
      /^[rRbB]{0,2}('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\]|\\.|'')*'?)/.exec(rest) ??
      (dialect === "bigquery" ? /^[rRbB]{0,2}"(?:[^"\\]|\\.)*"?/.exec(rest) : null);
    if (string && /^[rRbB]{0,2}['"]/.test(string[0])) {
      const content = string[0].replace(/^[rRbB]*('''|"""|'|")/, "").replace(/('''|"""|'|")$/, "");
      tokens.push({ key: `'${content}`, start: at, end: at + string[0].length });
      at += string[0].length;
      continue;
    }
    const quoted = dialect === "bigquery" ? /^`[^`]*`?/.exec(rest) : /^"(?:[^"]|"")*"?/.exec(rest);
    if (quoted) {
      // `project.dataset.table` is one BigQuery token but several DuckDB ones ("dataset"."table").
      let offset = at + 1;
      for (const part of quoted[0].slice(1, -1).split(dialect === "bigquery" ? "." : /(?!)/)) {
        tokens.push({ key: part.replace(/""/g, '"').toLowerCase(), start: offset, end: offset + part.length });
        offset += part.length + 1;
      }
      at += quoted[0].length;
      continue;
    }
    const word = /^(?:[A-Za-z_][\w$]*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)/.exec(rest);
    const symbol = word ?? /^(?:<=|>=|<>|!=|\|\||::|->|=>|\S)/.exec(rest)!;
    tokens.push({ key: symbol[0].toLowerCase(), start: at, end: at + symbol[0].length });
    at += symbol[0].length;
  }
  return tokens;
}

const WINDOW = 8;
const isWord = (token: Token | undefined) => token !== undefined && /^[\w$']/.test(token.key);

/** Multiset overlap of the keys in two windows. */
function overlap(a: Token[], b: Token[]): number {
  const counts = new Map<string, number>();
  for (const token of a) counts.set(token.key, (counts.get(token.key) ?? 0) + 1);
  let shared = 0;
  for (const token of b) {
    const count = counts.get(token.key) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(token.key, count - 1);
    }
  }
  return shared;
}

function ordinal(tokens: Token[], index: number): number {
  return tokens.slice(0, index).filter((token) => token.key === tokens[index]!.key).length;
}

/** The index in `written` of the token that `ran[index]` was translated from, by neighbourhood. */
function counterpart(ran: Token[], index: number, written: Token[]): number | undefined {
  const key = ran[index]!.key;
  const before = ran.slice(Math.max(0, index - WINDOW), index);
  const after = ran.slice(index + 1, index + 1 + WINDOW);
  const occurrence = ordinal(ran, index);
  let best: { index: number; score: number } | undefined;
  written.forEach((token, candidate) => {
    if (token.key !== key) return;
    const score =
      overlap(before, written.slice(Math.max(0, candidate - WINDOW), candidate)) +
      overlap(after, written.slice(candidate + 1, candidate + 1 + WINDOW)) +
      (ordinal(written, candidate) === occurrence ? 0.5 : 0);
    if (!best || score > best.score) best = { index: candidate, score };
  });
  return best?.index;
}

/**
 * The written token for the ran token at `index`; when the token itself was made by the
 * translation (a `bq_*` macro, a cast), the nearest word around it that was written.
 */
function findWritten(ran: Token[], index: number, written: Token[]): { index: number; same: boolean } | undefined {
  const direct = counterpart(ran, index, written);
  if (direct !== undefined) return { index: direct, same: true };
  for (let distance = 1; distance <= 2 * WINDOW; distance++) {
    for (const neighbour of [index + distance, index - distance]) {
      if (!isWord(ran[neighbour])) continue;
      const found = counterpart(ran, neighbour, written);
      if (found !== undefined) return { index: found, same: false };
    }
  }
  return undefined;
}

/** Whether the text around the error ran as written (same tokens a few either side). */
function sameAround(ran: Token[], index: number, written: Token[], writtenIndex: number): boolean {
  const span = 4;
  for (let offset = -span; offset <= span; offset++) {
    if (ran[index + offset]?.key !== written[writtenIndex + offset]?.key) return false;
  }
  return true;
}

function excerpt(text: string, tokens: Token[], index: number): string {
  const from = tokens[Math.max(0, index - 5)]!.start;
  const to = tokens[Math.min(tokens.length - 1, index + 5)]!.end;
  return `${from > 0 ? "..." : ""}${text.slice(from, to).replace(/\s+/g, " ")}${to < text.length ? "..." : ""}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split("\n");
  return lines.slice(0, line - 1).reduce((sum, current) => sum + current.length + 1, 0) + column - 1;
}

/** Maps the token at `ranIndex` of `ranText` to the SQLX file through the compiled `bigquerySql`. */
function locate(
  projectDir: string,
  fileName: string,
  bigquerySql: string,
  ranText: string,
  ranTokens: Token[],
  ranIndex: number,
): SqlErrorLocation | undefined {
  const written = sqlTokens(bigquerySql, "bigquery");
  const found = findWritten(ranTokens, ranIndex, written);
  if (!found) return undefined;
  const { line, column } = lineAndColumn(bigquerySql, written[found.index]!.start);
  const location = locateInSource(projectDir, fileName, bigquerySql, line, column);
  if (!location) return undefined;
  const same = found.same && sameAround(ranTokens, ranIndex, written, found.index);
  return same ? location : { ...location, ranAs: excerpt(ranText, ranTokens, ranIndex) };
}

/** Names DuckDB's messages give, which the caret may not sit on exactly. */
const NAMED = [
  /Referenced column "([^"]+)"/,
  /Referenced table "([^"]+)"/,
  /Table with name "?([^"\s]+?)"? does not exist/,
  /syntax error at or near "([^"]+)"/,
  /Function with name "?([^"\s]+?)"? does not exist/,
];

/** The caret of DuckDB's `LINE n: snippet` / `^` lines: the line and the snippet's text and caret index. */
function caretOf(message: string): { line: number; snippet: string; caret: number } | undefined {
  const match = /^(LINE (\d+): )(.*)\n( *)\^/m.exec(message);
  if (!match) return undefined;
  let snippet = match[3]!;
  let caret = match[4]!.length - match[1]!.length;
  if (snippet.startsWith("...")) {
    snippet = snippet.slice(3);
    caret -= 3;
  }
  if (snippet.endsWith("...")) snippet = snippet.slice(0, -3);
  return { line: Number(match[2]), snippet, caret: Math.max(0, caret) };
}

/**
 * Where a DuckDB error of a task sits in the SQLX file: the statement and offset from the caret
 * (or the first statement naming what the message names), then the written token.
 */
export function locateDuckdbError(
  projectDir: string,
  fileName: string,
  bigquerySql: string,
  duckdbSql: string[],
  message: string,
): SqlErrorLocation | undefined {
  const name = NAMED.map((pattern) => pattern.exec(message)?.[1]).find((value) => value !== undefined);
  const nameKey = name?.split(".").pop()?.toLowerCase();
  const caret = caretOf(message);
  for (const statement of duckdbSql) {
    let offset: number | undefined;
    if (caret) {
      const lines = statement.split("\n");
      const inLine = lines[caret.line - 1]?.indexOf(caret.snippet) ?? -1;
      if (inLine !== -1) offset = offsetOf(statement, caret.line, 1) + inLine + caret.caret;
    }
    const tokens = sqlTokens(statement, "duckdb");
    let index: number | undefined;
    if (offset !== undefined) {
      index = tokens.findIndex((token) => token.end > offset);
      if (index === -1) index = tokens.length - 1;
      // The caret may sit on the expression around the name the message gives: prefer the name.
      if (nameKey) {
        const near = tokens.findIndex((token, i) => token.key === nameKey && Math.abs(i - index!) <= 4);
        if (near !== -1) index = near;
      }
    } else if (nameKey && !caret) {
      index = tokens.findIndex((token) => token.key === nameKey);
    }
    if (index === undefined || index < 0 || tokens.length === 0) continue;
    return locate(projectDir, fileName, bigquerySql, statement, tokens, index);
  }
  return undefined;
}

/** Where a parse error of the transpiler (polyglot: "at line L, column C", just past the token) sits in the SQLX file. */
export function locateParseError(projectDir: string, fileName: string, position: ParsePosition): SqlErrorLocation | undefined {
  const tokens = sqlTokens(position.statement, "bigquery");
  if (tokens.length === 0) return undefined;
  const offset = offsetOf(position.statement, position.line, position.column) - 1;
  let index = 0;
  tokens.forEach((token, i) => {
    if (token.start <= offset) index = i;
  });
  // The parser saw the statement after the compat rewrites: it is compared like translated text.
  return locate(projectDir, fileName, position.source, position.statement, tokens, index);
}

/**
 * `file:line:column: headline`, the source line with a caret, and where the SQL that ran differed
 * from what was written, as compilers print errors.
 */
export function formatSourceError(location: SqlErrorLocation, headline: string): string {
  const number = String(location.line);
  const lines = [
    `${location.file}:${location.line}:${location.column}: ${headline}`,
    `    ${number} | ${location.lineText}`,
    `    ${" ".repeat(number.length)} | ${" ".repeat(Math.max(0, location.column - 1))}^`,
  ];
  if (location.ranAs !== undefined) {
    lines.push(`    translated for DuckDB, this part differs from what was written: ${location.ranAs}`);
  }
  return lines.join("\n");
}

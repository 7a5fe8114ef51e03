/**
 * A small lexer for BigQuery (GoogleSQL) text. It only needs to know where strings, comments,
 * quoted identifiers and parentheses are, so that rewrites never touch text inside a literal.
 */

export type TokenKind =
  | "whitespace"
  | "comment"
  | "string"
  | "bytes"
  | "quotedIdentifier"
  | "identifier"
  | "number"
  | "parameter"
  | "punctuation";

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the first character in the source text. */
  start: number;
  /** 1-based line of the first character. */
  line: number;
}

export class SqlLexError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
    this.name = "SqlLexError";
  }
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

export function lexBigquery(sql: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  let line = 1;

  const push = (kind: TokenKind, end: number) => {
    const text = sql.slice(position, end);
    tokens.push({ kind, text, start: position, line });
    for (const char of text) if (char === "\n") line++;
    position = end;
  };

  while (position < sql.length) {
    const char = sql[position]!;
    const next = sql[position + 1] ?? "";

    if (/\s/.test(char)) {
      let end = position + 1;
      while (end < sql.length && /\s/.test(sql[end]!)) end++;
      push("whitespace", end);
    } else if ((char === "-" && next === "-") || char === "#") {
      const newline = sql.indexOf("\n", position);
      push("comment", newline === -1 ? sql.length : newline);
    } else if (char === "/" && next === "*") {
      const close = sql.indexOf("*/", position + 2);
      if (close === -1) throw new SqlLexError("Unterminated /* comment", line);
      push("comment", close + 2);
    } else if (char === "`") {
      push("quotedIdentifier", endOfQuoted(sql, position, "`", false, line));
    } else if (startsStringLiteral(sql, position)) {
      const prefix = /^[rRbB]{0,2}/.exec(sql.slice(position, position + 2))![0];
      const quoteStart = position + prefix.length;
      const raw = /r/i.test(prefix);
      const quote = sql.startsWith("'''", quoteStart)
        ? "'''"
        : sql.startsWith('"""', quoteStart)
          ? '"""'
          : sql[quoteStart]!;
      const end = endOfQuoted(sql, quoteStart, quote, raw, line);
      push(/b/i.test(prefix) ? "bytes" : "string", end);
    } else if (DIGIT.test(char) || (char === "." && DIGIT.test(next))) {
      let end = position;
      if (char === "0" && /[xX]/.test(next)) {
        end += 2;
        while (end < sql.length && /[0-9A-Fa-f]/.test(sql[end]!)) end++;
      } else {
        while (end < sql.length && /[0-9.]/.test(sql[end]!)) end++;
        if (/[eE]/.test(sql[end] ?? "") && /[-+0-9]/.test(sql[end + 1] ?? "")) {
          end += 2;
          while (end < sql.length && DIGIT.test(sql[end]!)) end++;
        }
      }
      push("number", end);
    } else if (IDENTIFIER_START.test(char)) {
      let end = position + 1;
      while (end < sql.length && IDENTIFIER_PART.test(sql[end]!)) end++;
      push("identifier", end);
    } else if (char === "@") {
      let end = position + 1;
      if (sql[end] === "@") end++;
      while (end < sql.length && IDENTIFIER_PART.test(sql[end]!)) end++;
      push("parameter", end);
    } else {
      push("punctuation", position + 1);
    }
  }
  return tokens;
}

function startsStringLiteral(sql: string, position: number): boolean {
  const match = /^([rRbB]{0,2})(['"])/.exec(sql.slice(position, position + 3));
  if (!match) return false;
  const prefix = match[1]!;
  // "rb", "br", "r", "b" are the only legal prefixes; "rr" is an identifier followed by a string.
  return prefix.length < 2 || prefix.toLowerCase() === "rb" || prefix.toLowerCase() === "br";
}

function endOfQuoted(sql: string, quoteStart: number, quote: string, raw: boolean, line: number): number {
  let position = quoteStart + quote.length;
  while (position < sql.length) {
    const char = sql[position]!;
    if (char === "\\" && !raw) {
      position += 2;
      continue;
    }
    if (char === "\\" && raw && sql[position + 1] === quote[0]) {
      // Raw strings still cannot end on an escaped quote.
      position += 2;
      continue;
    }
    if (sql.startsWith(quote, position)) return position + quote.length;
    if (quote.length === 1 && char === "\n" && quote !== "`") {
      throw new SqlLexError(`Unterminated string literal starting ${sql.slice(quoteStart, quoteStart + 20)}`, line);
    }
    position++;
  }
  throw new SqlLexError(`Unterminated ${quote === "`" ? "quoted identifier" : "string literal"}`, line);
}

/** The value a BigQuery string literal denotes (escapes decoded, quotes removed). */
export function decodeStringLiteral(text: string): string {
  const prefix = /^[rRbB]{0,2}/.exec(text)![0];
  const raw = /r/i.test(prefix);
  const body = text.slice(prefix.length);
  const quoteLength = body.startsWith("'''") || body.startsWith('"""') ? 3 : 1;
  const inner = body.slice(quoteLength, body.length - quoteLength);
  if (raw) return inner;
  return inner.replace(
    /\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|[0-7]{3}|.)/gs,
    (_match, escape: string) => {
      switch (escape[0]) {
        case "u":
        case "U":
        case "x":
          return String.fromCodePoint(parseInt(escape.slice(1), 16));
        case "n":
          return "\n";
        case "t":
          return "\t";
        case "r":
          return "\r";
        case "a":
          return "\x07";
        case "b":
          return "\b";
        case "f":
          return "\f";
        case "v":
          return "\v";
        default:
          return /^[0-7]{3}$/.test(escape) ? String.fromCodePoint(parseInt(escape, 8)) : escape;
      }
    },
  );
}

/** Tokens without whitespace and comments, which is what most rewrites look at. */
export function significantTokens(tokens: Token[]): Token[] {
  return tokens.filter((token) => token.kind !== "whitespace" && token.kind !== "comment");
}

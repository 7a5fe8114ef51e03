/**
 * The compat layer in front of polyglot: rewrites the BigQuery constructs that polyglot translates
 * unfaithfully into BigQuery-syntax calls of `bq_*` DuckDB macros (see compatMacros.ts), which
 * polyglot passes through untouched. Each rewrite exists because a conformance test showed
 * polyglot's own translation gives a different result on DuckDB than BigQuery does.
 */
import { decodeStringLiteral, lexBigquery, type Token } from "./lexBigquery.js";
import { UnsupportedConstructError } from "./errors.js";

interface CallSite {
  name: string;
  /** Each top-level argument, already rewritten. */
  args: string[];
  /** Significant tokens of each top-level argument. */
  argTokens: Token[][];
  /** Significant tokens between the parentheses. */
  innerTokens: Token[];
  /** The text between the parentheses, already rewritten. */
  inner: string;
  line: number;
  /** Rewrites the tokens from `first` (inclusive) to `end` (exclusive; default: the closing parenthesis). */
  renderSpan(first: Token, end?: Token): string;
}

type CallRewrite = (call: CallSite) => string;

const WEEKDAY_NUMBERS: Record<string, number> = {
  SUNDAY: 0,
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
};

/** `WEEK`, `WEEK(MONDAY)` or `ISOWEEK` as the first day of the week (0 = Sunday), else undefined. */
function weekStart(partTokens: Token[]): number | undefined {
  const words = partTokens.map((token) => token.text.toUpperCase());
  if (words.length === 1 && words[0] === "WEEK") return 0;
  if (words.length === 1 && words[0] === "ISOWEEK") return 1;
  if (words.length === 4 && words[0] === "WEEK" && words[1] === "(" && words[3] === ")") {
    return WEEKDAY_NUMBERS[words[2]!];
  }
  return undefined;
}

function datePart(call: CallSite, index: number): string {
  const tokens = call.argTokens[index] ?? [];
  if (tokens.length !== 1 || tokens[0]!.kind !== "identifier") {
    throw new UnsupportedConstructError(
      `${call.name}(..., ${tokens.map((token) => token.text).join("")})`,
      "the date part must be a keyword such as DAY or HOUR",
      call.line,
    );
  }
  return `'${tokens[0]!.text.toUpperCase()}'`;
}

/** Date parts of fixed length, in microseconds (in UTC, where days have no DST). */
const FIXED_UNIT_MICROS: Record<string, number> = {
  MICROSECOND: 1,
  MILLISECOND: 1_000,
  SECOND: 1_000_000,
  MINUTE: 60_000_000,
  HOUR: 3_600_000_000,
  DAY: 86_400_000_000,
};

function isUtcLiteral(tokens: Token[]): boolean {
  return tokens.length === 1 && tokens[0]!.kind === "string" && decodeStringLiteral(tokens[0]!.text) === "UTC";
}

/** Index of the first token at parenthesis depth 0 that matches, or -1. */
function topLevelIndex(tokens: Token[], matches: (token: Token, index: number) => boolean): number {
  let depth = 0;
  for (let index = 0; index < tokens.length; index++) {
    const text = tokens[index]!.text;
    if (text === "(" || text === "[") depth++;
    else if (text === ")" || text === "]") depth--;
    else if (depth === 0 && tokens[index]!.kind === "identifier" && matches(tokens[index]!, index)) return index;
  }
  return -1;
}

/** Splits `expr AS type` at its last top-level AS. */
function splitCast(call: CallSite): { expression: string; type: string } | undefined {
  const all = call.argTokens[0] ?? [];
  let depth = 0;
  let asIndex = -1;
  all.forEach((token, index) => {
    if (token.text === "(" || token.text === "[") depth++;
    else if (token.text === ")" || token.text === "]") depth--;
    else if (depth === 0 && token.kind === "identifier" && token.text.toUpperCase() === "AS") asIndex = index;
  });
  if (asIndex === -1) return undefined;
  const type = all
    .slice(asIndex + 1)
    .map((token) => token.text.toUpperCase())
    .join(" ");
  return { expression: asIndex === 0 ? "" : call.renderSpan(all[0]!, all[asIndex]!), type };
}

/** DuckDB's strftime/strptime lack BigQuery's %F, %T, %D and %R shorthands; expand them in literal formats. */
function formatArgument(call: CallSite, index: number): string {
  const tokens = call.argTokens[index] ?? [];
  if (tokens.length !== 1 || tokens[0]!.kind !== "string") return call.args[index] ?? "NULL";
  const expanded = decodeStringLiteral(tokens[0]!.text)
    .replace(/%F/g, "%Y-%m-%d")
    .replace(/%T/g, "%H:%M:%S")
    .replace(/%D/g, "%m/%d/%y")
    .replace(/%R/g, "%H:%M");
  return quoteStringLiteral(expanded);
}

const CALL_REWRITES: Record<string, CallRewrite> = {
  EXTRACT: (call) => {
    const tokens = call.argTokens[0] ?? [];
    const part = tokens[0]?.text.toUpperCase();
    // `x AT TIME ZONE z` means "x seen on z's wall clock"; polyglot may type a literal x as naive.
    const at = topLevelIndex(tokens, (token, index) =>
      /^AT$/i.test(token.text) && /^TIME$/i.test(tokens[index + 1]?.text ?? "") && /^ZONE$/i.test(tokens[index + 2]?.text ?? ""),
    );
    const inner =
      at === -1 || tokens.length < 3
        ? call.inner
        : `${tokens[0]!.text} FROM bq_datetime_in_zone(${call.renderSpan(tokens[2]!, tokens[at]!)}, ${call.renderSpan(tokens[at + 3]!)})`;
    // BigQuery numbers weekdays 1 (Sunday) to 7; DuckDB 0 to 6.
    return part === "DAYOFWEEK" ? `(EXTRACT(${inner}) + 1)` : `EXTRACT(${inner})`;
  },
  // DuckDB has no LIMIT inside an aggregate.
  ARRAY_AGG: (call) => {
    // Commas in ORDER BY split `args`, so look at every token between the parentheses.
    const tokens = call.innerTokens;
    const limit = topLevelIndex(tokens, (token) => /^LIMIT$/i.test(token.text));
    if (limit === -1) return `ARRAY_AGG(${call.inner})`;
    return `bq_array_head(ARRAY_AGG(${call.renderSpan(tokens[0]!, tokens[limit]!)}), ${call.renderSpan(tokens[limit + 1]!)})`;
  },
  // BigQuery TIMESTAMP is an instant: DuckDB TIMESTAMPTZ, which polyglot maps to a naive TIMESTAMP.
  CAST: (call) => castRewrite(call, "bq_to_timestamp", "CAST"),
  SAFE_CAST: (call) => castRewrite(call, "bq_safe_to_timestamp", "SAFE_CAST"),
  // BigQuery counts whole elapsed units; DuckDB's date_diff counts boundaries crossed. Fixed-length
  // units (a TIMESTAMP_DIFF day is 24 hours) are plain arithmetic on the epoch, without ICU.
  TIMESTAMP_DIFF: (call) => {
    const part = datePart(call, 2);
    const micros = FIXED_UNIT_MICROS[part.slice(1, -1)];
    return micros === undefined
      ? `bq_timestamp_diff(${call.args[0]}, ${call.args[1]}, ${part})`
      : `bq_timestamp_diff_micros(${call.args[0]}, ${call.args[1]}, ${micros})`;
  },
  DATETIME_DIFF: (call) => `bq_timestamp_diff(${call.args[0]}, ${call.args[1]}, ${datePart(call, 2)})`,
  // BigQuery keeps DATE; DuckDB's date_trunc returns TIMESTAMP and starts weeks on Monday.
  DATE_TRUNC: (call) => {
    const start = weekStart(call.argTokens[1] ?? []);
    return start === undefined
      ? `bq_date_trunc(${call.args[0]}, ${datePart(call, 1)})`
      : `bq_date_trunc_week(${call.args[0]}, ${start})`;
  },
  TIMESTAMP_TRUNC: (call) => {
    const start = weekStart(call.argTokens[1] ?? []);
    if (start === undefined) {
      // In UTC (the default zone) a day and shorter units are fixed lengths on the epoch.
      const micros = FIXED_UNIT_MICROS[datePart(call, 1).slice(1, -1)];
      const inUtc = call.args.length === 2 || isUtcLiteral(call.argTokens[2] ?? []);
      return micros !== undefined && inUtc
        ? `bq_timestamp_trunc_micros(${call.args[0]}, ${micros})`
        : `TIMESTAMP_TRUNC(${call.inner})`;
    }
    if (call.args.length > 2) {
      throw new UnsupportedConstructError("TIMESTAMP_TRUNC(..., WEEK, time_zone)", "week truncation in a named time zone is not translated", call.line);
    }
    return `bq_timestamp_trunc_week(${call.args[0]}, ${start})`;
  },
  // DuckDB's DATE + INTERVAL gives a TIMESTAMP; BigQuery keeps DATE.
  DATE_ADD: (call) => `bq_date_add(${call.args[0]}, ${call.args[1]})`,
  DATE_SUB: (call) => `bq_date_sub(${call.args[0]}, ${call.args[1]})`,
  // polyglot reads the time zone argument as a format string.
  // DATE(ts) is the UTC date; from the epoch it needs no ICU. A string literal keeps polyglot's cast.
  DATE: (call) => {
    if (call.args.length === 2) return `bq_date_in_zone(${call.args[0]}, ${call.args[1]})`;
    const only = call.argTokens[0] ?? [];
    const isLiteral = only.length === 1 && only[0]!.kind === "string";
    return call.args.length === 1 && !isLiteral ? `bq_date(${call.args[0]})` : `DATE(${call.inner})`;
  },
  // polyglot drops the time zone argument; the default zone is UTC in BigQuery, whatever the session's is.
  FORMAT_TIMESTAMP: (call) =>
    `bq_format_timestamp(${formatArgument(call, 0)}, ${call.args[1]}, ${call.args[2] ?? "'UTC'"})`,
  PARSE_TIMESTAMP: (call) =>
    `bq_parse_timestamp(${formatArgument(call, 0)}, ${call.args[1]}, ${call.args[2] ?? "'UTC'"})`,
  FORMAT_DATE: (call) => `bq_format(${formatArgument(call, 0)}, ${call.args[1]})`,
  FORMAT_DATETIME: (call) => `bq_format(${formatArgument(call, 0)}, ${call.args[1]})`,
  PARSE_DATE: (call) => `bq_parse_date(${formatArgument(call, 0)}, ${call.args[1]})`,
  // DuckDB's arg_max/arg_min skip rows whose value is NULL; BigQuery's MAX_BY/MIN_BY return it.
  MAX_BY: (call) => `bq_max_by(${call.inner})`,
  MIN_BY: (call) => `bq_min_by(${call.inner})`,
  // Both skip NULL elements, but DuckDB returns NULL, not '', when nothing is left.
  ARRAY_TO_STRING: (call) => (call.args.length === 2 ? `bq_array_to_string(${call.args[0]}, ${call.args[1]})` : `ARRAY_TO_STRING(${call.inner})`),
  // DuckDB's concat() skips NULL arguments; BigQuery's CONCAT returns NULL, as `||` does in both.
  CONCAT: (call) => `(${call.args.map((arg) => `(${arg})`).join(" || ")})`,
  // polyglot turns the partial match into a full match.
  REGEXP_CONTAINS: (call) => `bq_regexp_contains(${call.args[0]}, ${call.args[1]})`,
};

function castRewrite(call: CallSite, timestampMacro: string, keyword: string): string {
  const cast = splitCast(call);
  if (cast?.type === "TIMESTAMP") return `${timestampMacro}(${cast.expression.trim()})`;
  // polyglot maps NUMERIC to DuckDB's default DECIMAL(18,3), which rounds; BigQuery NUMERIC is (38,9).
  if (cast?.type === "NUMERIC" || cast?.type === "DECIMAL") {
    return `${keyword === "CAST" ? "bq_to_numeric" : "bq_safe_to_numeric"}(${cast.expression.trim()})`;
  }
  return `${keyword}(${call.inner})`;
}

/** Function families that have no DuckDB equivalent; failing early names the construct. */
const UNSUPPORTED_FUNCTIONS: Array<{ pattern: RegExp; reason: string }> = [
  { pattern: /^HLL_COUNT\./, reason: "HyperLogLog++ sketches have no DuckDB equivalent" },
  { pattern: /^ST_/, reason: "GEOGRAPHY functions need the spatial extension, which is not installed" },
  { pattern: /^(ML|AI|VECTOR_SEARCH|NET|KEYS|AEAD|DETERMINISTIC_ENCRYPT|DETERMINISTIC_DECRYPT)\b/, reason: "BigQuery ML, AI, NET and encryption functions exist only on BigQuery" },
  { pattern: /^EXTERNAL_QUERY$/, reason: "federated queries exist only on BigQuery" },
];

const SCRIPTING_KEYWORDS = new Set([
  "BEGIN",
  "END",
  "IF",
  "LOOP",
  "WHILE",
  "REPEAT",
  "FOR",
  "CALL",
  "EXECUTE",
  "RAISE",
  "RETURN",
  "LEAVE",
  "BREAK",
  "CONTINUE",
  "ITERATE",
  "EXCEPTION",
  "ASSERT",
]);

class Rewriter {
  private readonly tokens: Token[];
  private readonly closingParen = new Map<number, number>();
  readonly variables = new Set<string>();

  constructor(sql: string, knownVariables: Iterable<string> = []) {
    for (const name of knownVariables) this.variables.add(name.toLowerCase());
    this.tokens = lexBigquery(sql);
    const open: number[] = [];
    this.tokens.forEach((token, index) => {
      if (token.kind !== "punctuation") return;
      if (token.text === "(") open.push(index);
      if (token.text === ")") {
        const start = open.pop();
        if (start !== undefined) this.closingParen.set(start, index);
      }
    });
  }

  rewriteScript(): RewrittenStatement[] {
    return this.statementRanges()
      .flatMap(([from, to]) => this.rewriteStatement(from, to))
      .map((statement) => (statement.kind === "sql" ? { kind: "sql" as const, sql: statement.sql.trim() } : statement))
      .filter((statement) => statement.kind === "set" || statement.sql !== "");
  }

  private statementRanges(): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    let depth = 0;
    let start = 0;
    this.tokens.forEach((token, index) => {
      if (token.kind !== "punctuation") return;
      if (token.text === "(" || token.text === "[") depth++;
      if (token.text === ")" || token.text === "]") depth--;
      if (token.text === ";" && depth === 0) {
        ranges.push([start, index]);
        start = index + 1;
      }
    });
    ranges.push([start, this.tokens.length]);
    return ranges;
  }

  private rewriteStatement(from: number, to: number): RewrittenStatement[] {
    const first = this.nextSignificant(from, to);
    // A statement of only comments would swallow the `;` that joins it to the next one.
    if (first === -1) return [];
    const keyword = this.tokens[first]!.text.toUpperCase();
    const token = this.tokens[first]!;
    if (token.kind === "identifier" && keyword === "DECLARE") return this.rewriteDeclare(first, to);
    if (token.kind === "identifier" && keyword === "SET") return [this.rewriteSet(first, to)];
    if (token.kind === "identifier" && SCRIPTING_KEYWORDS.has(keyword)) {
      const second = this.nextSignificant(first + 1, to);
      const isTransaction = keyword === "BEGIN" && second !== -1 && /^TRANSACTION$/i.test(this.tokens[second]!.text);
      if (!isTransaction) {
        throw new UnsupportedConstructError(
          `scripting statement ${keyword}`,
          "BigQuery procedural scripting (blocks, loops, IF, CALL, EXECUTE IMMEDIATE) is not translated; split the work into separate queries or SQLX operations",
          token.line,
        );
      }
    }
    if (token.kind === "identifier" && keyword === "CREATE") {
      const words = this.significantWords(first, to, 4);
      if (words.includes("PROCEDURE")) {
        throw new UnsupportedConstructError("CREATE PROCEDURE", "stored procedures exist only on BigQuery", token.line);
      }
    }
    return [{ kind: "sql", sql: this.render(from, to) }];
  }

  /** `DECLARE a, b INT64 DEFAULT expr` becomes one assignment of `CAST(expr AS INT64)` per name. */
  private rewriteDeclare(declareIndex: number, to: number): RewrittenStatement[] {
    const significant = this.significantIndexes(declareIndex + 1, to);
    const names: string[] = [];
    let cursor = 0;
    while (cursor < significant.length) {
      const token = this.tokens[significant[cursor]!]!;
      if (token.kind !== "identifier" && token.kind !== "quotedIdentifier") break;
      names.push(token.text.replace(/`/g, ""));
      const after = significant[cursor + 1];
      if (after === undefined || this.tokens[after]!.text !== ",") {
        cursor++;
        break;
      }
      cursor += 2;
    }
    const defaultPosition = significant.findIndex((index) => /^DEFAULT$/i.test(this.tokens[index]!.text));
    const typeEnd = defaultPosition === -1 ? to : significant[defaultPosition]!;
    const typeStart = significant[cursor];
    const type = typeStart === undefined || typeStart >= typeEnd ? "" : this.render(typeStart, typeEnd).trim();
    const value = defaultPosition === -1 ? "NULL" : this.render(significant[defaultPosition]! + 1, to).trim();
    // polyglot leaves a subquery inside CAST(...) untranslated; an ARRAY_AGG already has its type.
    const typed = type === "" || /^ARRAY\s*</i.test(type) ? value : `CAST(${value} AS ${type})`;
    for (const name of names) this.variables.add(name.toLowerCase());
    return names.map((name) => ({ kind: "set", name, expression: typed }));
  }

  private rewriteSet(setIndex: number, to: number): RewrittenStatement {
    const target = this.nextSignificant(setIndex + 1, to);
    const equals = target === -1 ? -1 : this.nextSignificant(target + 1, to);
    if (target === -1 || equals === -1 || this.tokens[equals]!.text !== "=") {
      throw new UnsupportedConstructError("SET (a, b) = ...", "only single-variable SET is translated", this.tokens[setIndex]!.line);
    }
    return { kind: "set", name: this.tokens[target]!.text, expression: this.render(equals + 1, to).trim() };
  }

  private render(from: number, to: number): string {
    let out = "";
    let index = from;
    while (index < to) {
      const token = this.tokens[index]!;
      if (token.kind === "string") {
        out += normalizeStringLiteral(token.text);
        index++;
        continue;
      }
      if (token.kind === "number" && /^[0-9.]*[.eE]/.test(token.text) && !/^0[xX]/.test(token.text)) {
        // BigQuery types 1.5 as FLOAT64; DuckDB would make it an exact DECIMAL, changing arithmetic and types.
        out += `CAST(${token.text} AS FLOAT64)`;
        index++;
        continue;
      }
      if (token.kind === "quotedIdentifier") {
        out += splitQuotedPath(token.text);
        index++;
        continue;
      }
      if (token.kind !== "identifier") {
        out += token.text;
        index++;
        continue;
      }
      const call = this.rewriteCallAt(index, to);
      if (call) {
        out += call.text;
        index = call.next;
        continue;
      }
      out += this.isVariableReference(index, to) ? `getvariable('${token.text.toLowerCase()}')` : token.text;
      index++;
    }
    return out;
  }

  /** Rewrites `NAME(...)` or `SAFE.NAME(...)` starting at `index`, if it is one we handle. */
  private rewriteCallAt(index: number, to: number): { text: string; next: number } | undefined {
    const token = this.tokens[index]!;
    let nameIndex = index;
    let safe = false;
    if (token.text.toUpperCase() === "SAFE" && this.previousSignificantText(index) !== ".") {
      const dot = this.nextSignificant(index + 1, to);
      const name = dot === -1 ? -1 : this.nextSignificant(dot + 1, to);
      if (dot !== -1 && this.tokens[dot]!.text === "." && name !== -1 && this.tokens[name]!.kind === "identifier") {
        nameIndex = name;
        safe = true;
      }
    }
    const open = this.nextSignificant(nameIndex + 1, to);
    if (open === -1 || this.tokens[open]!.text !== "(") return undefined;
    const qualifiedName = this.qualifiedNameEndingAt(nameIndex);
    for (const { pattern, reason } of UNSUPPORTED_FUNCTIONS) {
      if (pattern.test(qualifiedName)) throw new UnsupportedConstructError(`${qualifiedName}()`, reason, token.line);
    }
    // `x.f(...)` is a method-style or qualified call we do not rewrite.
    if (this.previousSignificantText(index) === ".") return undefined;
    const close = this.closingParen.get(open);
    if (close === undefined) return undefined;

    const upperName = this.tokens[nameIndex]!.text.toUpperCase();
    const rewrite = CALL_REWRITES[upperName];
    if (!rewrite && !safe) return undefined;

    const callSite = this.callSite(upperName, open, close, token.line);
    const translated = rewrite ? rewrite(callSite) : `${this.tokens[nameIndex]!.text}(${callSite.inner})`;
    return { text: safe ? `TRY(${translated})` : translated, next: close + 1 };
  }

  private callSite(name: string, open: number, close: number, line: number): CallSite {
    const args: string[] = [];
    const argTokens: Token[][] = [];
    let depth = 0;
    let argStart = open + 1;
    const pushArg = (end: number) => {
      args.push(this.render(argStart, end).trim());
      argTokens.push(this.significantIndexes(argStart, end).map((i) => this.tokens[i]!));
    };
    for (let index = open + 1; index < close; index++) {
      const text = this.tokens[index]!.kind === "punctuation" ? this.tokens[index]!.text : "";
      if (text === "(" || text === "[") depth++;
      else if (text === ")" || text === "]") depth--;
      else if (text === "," && depth === 0) {
        pushArg(index);
        argStart = index + 1;
      }
    }
    if (argStart < close || args.length > 0) pushArg(close);
    const renderSpan = (first: Token, end?: Token) =>
      this.render(this.tokens.indexOf(first, open), end ? this.tokens.indexOf(end, open) : close);
    const innerTokens = this.significantIndexes(open + 1, close).map((index) => this.tokens[index]!);
    return { name, args, argTokens, innerTokens, inner: this.render(open + 1, close), line, renderSpan };
  }

  private isVariableReference(index: number, to: number): boolean {
    if (this.variables.size === 0) return false;
    const token = this.tokens[index]!;
    if (!this.variables.has(token.text.toLowerCase())) return false;
    if (this.previousSignificantText(index) === ".") return false;
    const next = this.nextSignificant(index + 1, to);
    return next === -1 || (this.tokens[next]!.text !== "(" && this.tokens[next]!.text !== ".");
  }

  /** `HLL_COUNT.MERGE` for the token MERGE, so dotted function families can be recognised. */
  private qualifiedNameEndingAt(nameIndex: number): string {
    const parts = [this.tokens[nameIndex]!.text.toUpperCase()];
    let index = nameIndex;
    while (this.previousSignificantText(index) === ".") {
      const dot = this.previousSignificant(index);
      const before = this.previousSignificant(dot);
      if (before === -1 || this.tokens[before]!.kind !== "identifier") break;
      parts.unshift(this.tokens[before]!.text.toUpperCase());
      index = before;
    }
    return parts.join(".");
  }

  private significantIndexes(from: number, to: number): number[] {
    const indexes: number[] = [];
    for (let index = from; index < to; index++) {
      const kind = this.tokens[index]!.kind;
      if (kind !== "whitespace" && kind !== "comment") indexes.push(index);
    }
    return indexes;
  }

  private significantWords(from: number, to: number, count: number): string[] {
    return this.significantIndexes(from, to)
      .slice(0, count)
      .map((index) => this.tokens[index]!.text.toUpperCase());
  }

  private nextSignificant(from: number, to: number): number {
    for (let index = from; index < to; index++) {
      const kind = this.tokens[index]!.kind;
      if (kind !== "whitespace" && kind !== "comment") return index;
    }
    return -1;
  }

  private previousSignificant(before: number): number {
    for (let index = before - 1; index >= 0; index--) {
      const kind = this.tokens[index]!.kind;
      if (kind !== "whitespace" && kind !== "comment") return index;
    }
    return -1;
  }

  private previousSignificantText(before: number): string | undefined {
    const index = this.previousSignificant(before);
    return index === -1 ? undefined : this.tokens[index]!.text;
  }
}

/**
 * `` `project.dataset.table` `` is one quoted token in BigQuery; DuckDB needs `"dataset"."table"`.
 * The project is dropped: locally every dataset is a schema of the one warehouse file.
 */
export function splitQuotedPath(text: string): string {
  const parts = text.slice(1, -1).split(".");
  const kept = parts.length === 3 ? parts.slice(1) : parts;
  return kept.map((part) => "`" + part + "`").join(".");
}

/** polyglot keeps `\u`, `\x` and octal escapes verbatim; decode them so DuckDB sees the characters. */
function normalizeStringLiteral(text: string): string {
  if (/^[rR]/.test(text) || !/\\(u|U|x|[0-7])/.test(text)) return text;
  return quoteStringLiteral(decodeStringLiteral(text));
}

/** A BigQuery literal for `value` that polyglot decodes back to exactly `value`. */
function quoteStringLiteral(value: string): string {
  return "'" + value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n") + "'";
}

/** A rewritten statement, or a script variable assignment (translated as an expression on its own). */
export type RewrittenStatement = { kind: "sql"; sql: string } | { kind: "set"; name: string; expression: string };

/**
 * `knownVariables`: script variables declared by earlier SQL of the same BigQuery script (a
 * pre-operation's DECLARE), so references to them here become getvariable() too.
 */
export function rewriteBigqueryStatements(sql: string, knownVariables: Iterable<string> = []): RewrittenStatement[] {
  return new Rewriter(sql, knownVariables).rewriteScript();
}

/** The variables a script declares with DECLARE. */
export function declaredVariables(sql: string): string[] {
  return rewriteBigqueryStatements(sql).flatMap((statement) => (statement.kind === "set" ? [statement.name.toLowerCase()] : []));
}

/** The rewritten script as text (assignments written as BigQuery SET statements). */
export function rewriteBigqueryForDuckdb(sql: string): string {
  return rewriteBigqueryStatements(sql)
    .map((statement) => (statement.kind === "sql" ? statement.sql : `SET ${statement.name} = ${statement.expression}`))
    .join(";\n");
}

/**
 * BigQuery SQL in, DuckDB statements out: the compat rewrites (rewriteBigquery.ts), then polyglot.
 */
import { Dialect, transpile } from "@polyglot-sql/sdk";
import { SqlLexError } from "./lexBigquery.js";
import { TranspileError, UnsupportedConstructError } from "./errors.js";
import { rewriteBigqueryStatements, type RewrittenStatement } from "./rewriteBigquery.js";

/**
 * Translates one BigQuery query or script into the DuckDB statements that do the same.
 * `fileName` names the SQLX file in errors.
 */
export function transpileToDuckdb(bigquerySql: string, fileName?: string, variables: Iterable<string> = []): string[] {
  let statements: RewrittenStatement[];
  try {
    statements = rewriteBigqueryStatements(bigquerySql, variables);
  } catch (error) {
    if (error instanceof UnsupportedConstructError || error instanceof SqlLexError) {
      throw new TranspileError(fileName, error.message);
    }
    throw error;
  }
  return statements.flatMap((statement) => {
    if (statement.kind === "sql") return polyglot(statement.sql, bigquerySql, fileName);
    // polyglot translates expressions fully only inside a query, so translate the value as one.
    const [select] = polyglot(`SELECT ${statement.expression}`, bigquerySql, fileName);
    return [`SET VARIABLE ${statement.name} = (${select})`];
  });
}

function polyglot(sql: string, source: string, fileName?: string): string[] {
  const result = transpile(sql, Dialect.BigQuery, Dialect.DuckDB);
  if (!result.success || !result.sql) {
    // "Parse error at line L, column C": kept so that the error can point into the model file.
    const at = /at line (\d+), column (\d+)/.exec(result.error ?? "");
    const position = at ? { source, statement: sql, line: Number(at[1]), column: Number(at[2]) } : undefined;
    throw new TranspileError(fileName, `the BigQuery SQL could not be parsed: ${result.error ?? "unknown error"}`, position);
  }
  return result.sql.filter((statement) => statement.replace(/\/\*[\s\S]*?\*\//g, "").trim() !== "");
}

/** The same for SQL that must be exactly one statement (a query, a DDL body). */
export function transpileStatement(bigquerySql: string, fileName?: string, variables: Iterable<string> = []): string {
  const statements = transpileToDuckdb(bigquerySql, fileName, variables);
  if (statements.length !== 1) {
    throw new TranspileError(fileName, `expected one SQL statement, found ${statements.length}`);
  }
  return statements[0]!;
}

const EXPRESSION_PREFIX = "SELECT * FROM DATAFORM_DEST WHERE ";

/** A boolean expression (a predicate or partition filter) in DuckDB SQL. */
export function transpileExpression(bigqueryExpression: string, fileName?: string, variables: Iterable<string> = []): string {
  const statement = transpileStatement(`${EXPRESSION_PREFIX}${bigqueryExpression}`, fileName, variables);
  if (!statement.startsWith(EXPRESSION_PREFIX)) {
    throw new TranspileError(fileName, `could not translate the expression ${bigqueryExpression}`);
  }
  return statement.slice(EXPRESSION_PREFIX.length);
}

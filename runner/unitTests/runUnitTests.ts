/**
 * Runs the project's `type: "test"` actions on DuckDB: the tested query with its inputs substituted
 * (Dataform compiles that) and the expected query, compared with Dataform's rules.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CompiledTest } from "../graph/compiledGraph.js";
import { transpileStatement } from "../transpile/transpileToDuckdb.js";
import type { DuckdbWarehouse } from "../warehouse/duckdbWarehouse.js";
import { toBigqueryValue, type ResultTable } from "./bigqueryValues.js";
import { compareTestResults } from "./compareTestResults.js";
import { formatRowDiff } from "./formatRowDiff.js";

export interface UnitTestOutcome {
  name: string;
  fileName: string;
  status: "passed" | "failed";
  messages: string[];
  /** Expected and actual rows side by side, when the rows differ. */
  diff?: string;
  durationMs: number;
}

async function readTable(connection: DuckDBConnection, sql: string): Promise<ResultTable> {
  const reader = await connection.runAndReadAll(sql);
  const columns = reader.columnNames();
  const types = reader.columnTypes();
  const rows = reader.getRowsJson().map((values) =>
    Object.fromEntries(columns.map((column, index) => [column, toBigqueryValue(values[index], types[index]!)])),
  );
  return { columns, rows };
}

/** A test's outcome from its two result tables, compared with Dataform's rules; whichever engine read them. */
export async function unitTestOutcome(test: CompiledTest, readTables: () => Promise<{ actual: ResultTable; expected: ResultTable }>): Promise<UnitTestOutcome> {
  const started = performance.now();
  const base = { name: test.name, fileName: test.fileName };
  try {
    const { actual, expected } = await readTables();
    const comparison = compareTestResults(expected, actual);
    return {
      ...base,
      status: comparison.passed ? "passed" : "failed",
      messages: comparison.messages,
      diff: comparison.passed ? undefined : formatRowDiff(expected, actual, comparison.mismatches),
      durationMs: performance.now() - started,
    };
  } catch (error) {
    return { ...base, status: "failed", messages: [`Error thrown: ${(error as Error).message}`], durationMs: performance.now() - started };
  }
}

function runUnitTest(test: CompiledTest, connection: DuckDBConnection): Promise<UnitTestOutcome> {
  return unitTestOutcome(test, async () => ({
    actual: await readTable(connection, transpileStatement(test.testQuery, test.fileName)),
    expected: await readTable(connection, transpileStatement(test.expectedOutputQuery, test.fileName)),
  }));
}

/** Tests run at the same time, like Dataform's, each on its own connection. */
export async function runUnitTests(tests: CompiledTest[], warehouse: DuckdbWarehouse): Promise<UnitTestOutcome[]> {
  return Promise.all(
    tests.map(async (test) => {
      const connection = await warehouse.connect();
      try {
        return await runUnitTest(test, connection);
      } finally {
        connection.closeSync();
      }
    }),
  );
}

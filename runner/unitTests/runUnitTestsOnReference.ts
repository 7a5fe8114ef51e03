/**
 * The project's `type: "test"` actions on ZetaSQL's reference engine: BigQuery's semantics for the
 * same two queries the DuckDB run executes (the tested query with its inputs inlined, and the
 * expected rows), compared with the same Dataform rules.
 */
import type { CompiledTest } from "../graph/compiledGraph.js";
import { rewriteForZetasqlBuild } from "../zetasql/zetasqlGapRewrites.js";
import { simpleCatalog, type QueryResult, type ZetasqlService } from "../zetasql/zetasqlService.js";
import type { TypeProto, ValueProto } from "../zetasql/zetasqlTypes.js";
import { canonicalFromValueProto, type CanonicalCell } from "../zetasql/zetasqlValues.js";
import { NumericValue, WrappedValue, type BigqueryValue, type ResultTable } from "./bigqueryValues.js";
import { unitTestOutcome, type UnitTestOutcome } from "./runUnitTests.js";

const EMPTY_CATALOG = simpleCatalog([]);

/** The value the BigQuery client would give `dataform test` for this cell. */
function clientValue(value: ValueProto, type: TypeProto): BigqueryValue {
  const cell = canonicalFromValueProto(value, type);
  if (cell === null) return null;
  switch (type.type_kind) {
    case "TYPE_INT64":
    case "TYPE_DOUBLE":
      return Number(cell);
    case "TYPE_BOOL":
      return cell === "true";
    case "TYPE_NUMERIC":
      return new NumericValue(String(cell));
    case "TYPE_DATE":
      return new WrappedValue("DATE", String(cell));
    case "TYPE_TIMESTAMP":
      return new WrappedValue("TIMESTAMP", new Date(Number(BigInt(String(cell)) / 1000n)).toISOString());
    case "TYPE_ARRAY":
      return (value.array_value?.element ?? []).map((element) => clientValue(element, type.array_type!.element_type));
    default:
      return cell as Exclude<CanonicalCell, CanonicalCell[]>;
  }
}

function resultTable(result: QueryResult): ResultTable {
  const columns = result.columns.map((column) => column.name);
  return {
    columns,
    rows: result.rows.map((row) => Object.fromEntries(columns.map((name, index) => [name, clientValue(row[index] ?? {}, result.columns[index]!.type)]))),
  };
}

function runUnitTestOnReference(test: CompiledTest, service: ZetasqlService): Promise<UnitTestOutcome> {
  const evaluate = async (sql: string) => resultTable(await service.evaluate(rewriteForZetasqlBuild(sql).sql, EMPTY_CATALOG, new Map()));
  return unitTestOutcome(test, async () => ({ actual: await evaluate(test.testQuery), expected: await evaluate(test.expectedOutputQuery) }));
}

export async function runUnitTestsOnReference(tests: CompiledTest[], service: ZetasqlService): Promise<UnitTestOutcome[]> {
  return Promise.all(tests.map((test) => runUnitTestOnReference(test, service)));
}

/**
 * `node --import tsx bench/runDuckdbScript.ts DATABASE SQL`: runs SQL on plain DuckDB (no runner,
 * no macros) with every core and the same memory limit as the warehouse, so that the floors are
 * measured under the pipeline's conditions, and prints the rows of its last statement as JSON.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { DEFAULT_MEMORY_LIMIT } from "../runner/warehouse/duckdbWarehouse.js";

const [databasePath, sql] = process.argv.slice(2);
if (!databasePath || !sql) throw new Error("usage: runDuckdbScript.ts DATABASE SQL");
const instance = await DuckDBInstance.create(databasePath, { memory_limit: DEFAULT_MEMORY_LIMIT });
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");
const reader = await connection.runAndReadAll(sql);
process.stdout.write(`${JSON.stringify(reader.getRowObjectsJson())}\n`);
connection.closeSync();
instance.closeSync();

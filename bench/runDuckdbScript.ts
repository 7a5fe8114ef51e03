/**
 * `node --import tsx bench/runDuckdbScript.ts DATABASE MEMORY_LIMIT SQL`: runs SQL on plain DuckDB (no
 * runner, no macros) with every core and the buffer pool the warehouse gets in the same bench,
 * so that the floors are measured under the pipeline's conditions, and prints the rows of its last
 * statement as JSON.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { bufferPoolLimit } from "../runner/warehouse/duckdbWarehouse.js";

const [databasePath, memoryLimit, sql] = process.argv.slice(2);
if (!databasePath || !memoryLimit || !sql) throw new Error("usage: runDuckdbScript.ts DATABASE MEMORY_LIMIT SQL");
const instance = await DuckDBInstance.create(databasePath, { memory_limit: bufferPoolLimit(memoryLimit) });
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");
const reader = await connection.runAndReadAll(sql);
process.stdout.write(`${JSON.stringify(reader.getRowObjectsJson())}\n`);
connection.closeSync();
instance.closeSync();

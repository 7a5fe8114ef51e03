import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
for (const sql of process.argv.slice(2)) {
  try { const r = await c.runAndReadAll(sql); console.log(sql.slice(0,120), '=>'); console.table(r.getRowObjectsJson()); }
  catch (e) { console.log(sql.slice(0,100), 'ERR', e.message); }
}

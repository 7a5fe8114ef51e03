import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(process.argv[2]);
const c = await inst.connect();
for (const sql of process.argv.slice(3)) {
  try { const r = await c.runAndReadAll(sql); console.log(sql, '=>'); console.table(r.getRowObjectsJson()); }
  catch (e) { console.log(sql, 'ERR', e.message); }
}

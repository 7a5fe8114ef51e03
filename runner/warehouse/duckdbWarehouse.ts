/**
 * The embedded warehouse: one DuckDB file. Every connection speaks UTC (BigQuery's default zone) and
 * has the BigQuery compat macros and functions available.
 */
import { mkdirSync } from "node:fs";
import { totalmem } from "node:os";
import { dirname } from "node:path";
import {
  BIGINT,
  DuckDBConnection,
  DuckDBInstance,
  DuckDBScalarFunction,
  VARCHAR,
  type DuckDBValue,
} from "@duckdb/node-api";
import { bigqueryFingerprint } from "farmhash-modern";
import { COMPAT_MACROS_SQL } from "../transpile/compatMacros.js";

export const DEFAULT_WAREHOUSE_PATH = "target/warehouse.duckdb";

export class WarehouseOpenError extends Error {
  constructor(path: string, cause: string) {
    const locked = /lock/i.test(cause);
    super(
      locked
        ? `The warehouse ${path} is in use by another process (${cause}). Wait for it to finish, or pass --warehouse to use another file.`
        : `Could not open the warehouse ${path}: ${cause}`,
    );
    this.name = "WarehouseOpenError";
  }
}

export interface ColumnInfo {
  name: string;
  type: string;
}

export type RelationType = "TABLE" | "VIEW";

export interface RelationInfo {
  schema: string;
  name: string;
  type: RelationType;
  columns: ColumnInfo[];
}

export interface WarehouseOptions {
  /** The memory the warehouse may use, for example "4GB" (DuckDB's buffer pool gets 90 %); larger work spills to `<warehouse>.tmp`. */
  memoryLimit?: string;
  threads?: number;
  /** Open without taking the write lock; nothing can be changed. */
  readOnly?: boolean;
  /** False lets DuckDB write tables in any order, which bounds the memory of large inserts. */
  preserveInsertionOrder?: boolean;
}

/**
 * Half of the machine's memory, in whole GiB (at least 1). DuckDB's own default, 80 %, leaves a
 * laptop too little for everything else; a fixed 3 GB made a month of clickstream spill to disk on
 * every large sort (BENCHMARKS.md, "Memory", has the measurements). `--memory-limit` changes it.
 */
export function halfOfMemory(totalBytes: number): string {
  return `${Math.max(1, Math.floor(totalBytes / 2 / 2 ** 30))}GiB`;
}

/** What DuckDB's buffer pool gets of a memory limit: 90 %, whole MiB. */
const BUFFER_POOL_SHARE = 0.9;

const UNIT_BYTES: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** Bytes of a memory limit such as "3GB" or "8GiB" as DuckDB reads it (GB 10^9 bytes, GiB 2^30); undefined when it is no such size. */
export function memoryLimitBytes(limit: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)\s*$/i.exec(limit);
  return match ? Number(match[1]) * UNIT_BYTES[match[2]!.toUpperCase()]! : undefined;
}

/**
 * DuckDB's `memory_limit` for a memory limit the user gives for the whole process. DuckDB's limit
 * bounds its buffer pool only; Node, the runner and DuckDB's allocations outside the pool took up to
 * 1.4 GiB more at the month (BENCHMARKS.md, "Memory"), so the pool gets 90 % and the rest is theirs.
 * A size DuckDB would read differently (or refuse) is passed through unchanged.
 */
export function bufferPoolLimit(limit: string): string {
  const bytes = memoryLimitBytes(limit);
  return bytes === undefined ? limit : `${Math.max(1, Math.floor((bytes * BUFFER_POOL_SHARE) / 2 ** 20))}MiB`;
}

export const DEFAULT_MEMORY_LIMIT = halfOfMemory(totalmem());
let defaultMemoryLimit = DEFAULT_MEMORY_LIMIT;

/** Sets the memory limit of warehouses opened from now on without an explicit one (the global CLI flag). */
export function setDefaultMemoryLimit(limit: string): void {
  defaultMemoryLimit = limit;
}

export class DuckdbWarehouse {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly mainConnection: DuckDBConnection,
  ) {}

  static async open(path: string, options: WarehouseOptions = {}): Promise<DuckdbWarehouse> {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const config: Record<string, string> = {};
    config["memory_limit"] = bufferPoolLimit(options.memoryLimit ?? defaultMemoryLimit);
    if (options.threads) config["threads"] = String(options.threads);
    if (options.readOnly) config["access_mode"] = "READ_ONLY";
    if (options.preserveInsertionOrder === false) config["preserve_insertion_order"] = "false";
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (error) {
      throw new WarehouseOpenError(path, (error as Error).message);
    }
    const connection = await prepareConnection(instance);
    if (!options.readOnly) await connection.run(COMPAT_MACROS_SQL);
    return new DuckdbWarehouse(path, instance, connection);
  }

  /** The shared connection, for sequential work. */
  get connection(): DuckDBConnection {
    return this.mainConnection;
  }

  /** A separate connection, so independent actions can run at the same time. */
  async connect(): Promise<DuckDBConnection> {
    return prepareConnection(this.instance);
  }

  async query<T extends Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]> {
    const reader = await this.mainConnection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as T[];
  }

  async ensureSchema(schema: string): Promise<void> {
    await this.mainConnection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
  }

  async schemas(): Promise<Set<string>> {
    const rows = await this.query<{ schema_name: string }>(
      "SELECT schema_name FROM information_schema.schemata WHERE catalog_name = current_database()",
    );
    return new Set(rows.map((row) => row.schema_name));
  }

  /** Tables and views with their columns, keyed by `schema.name`. */
  async relations(): Promise<Map<string, RelationInfo>> {
    const rows = await this.query<{
      table_schema: string;
      table_name: string;
      table_type: string;
      column_name: string | null;
      data_type: string | null;
    }>(`
      SELECT t.table_schema, t.table_name, t.table_type, c.column_name, c.data_type
      FROM information_schema.tables t
      LEFT JOIN information_schema.columns c
        ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema AND c.table_name = t.table_name
      WHERE t.table_catalog = current_database()
      ORDER BY t.table_schema, t.table_name, c.ordinal_position`);
    const relations = new Map<string, RelationInfo>();
    for (const row of rows) {
      const key = relationKey(row.table_schema, row.table_name);
      let relation = relations.get(key);
      if (!relation) {
        relation = {
          schema: row.table_schema,
          name: row.table_name,
          type: row.table_type === "VIEW" ? "VIEW" : "TABLE",
          columns: [],
        };
        relations.set(key, relation);
      }
      if (row.column_name !== null) relation.columns.push({ name: row.column_name, type: row.data_type ?? "" });
    }
    return relations;
  }

  close(): void {
    this.mainConnection.closeSync();
    this.instance.closeSync();
  }
}

async function prepareConnection(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const connection = await instance.connect();
  // BigQuery evaluates TIMESTAMP functions in UTC unless told otherwise; the machine's zone must not leak in.
  await connection.run("SET TimeZone = 'UTC'");
  connection.registerScalarFunction(farmFingerprintFunction());
  return connection;
}

/** BigQuery's FARM_FINGERPRINT (FarmHash Fingerprint64 as a signed INT64). */
function farmFingerprintFunction(): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: "farm_fingerprint",
    returnType: BIGINT,
    parameterTypes: [VARCHAR],
    mainFunction: (_info, input, output) => {
      const values = input.getColumnVector(0);
      for (let row = 0; row < input.rowCount; row++) {
        const value = values.getItem(row);
        output.setItem(row, value === null ? null : bigqueryFingerprint(String(value)));
      }
      output.flush();
    },
  });
}

export function relationKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteRelation(schema: string, name: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

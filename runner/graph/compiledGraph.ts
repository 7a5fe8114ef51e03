/**
 * The JSON that `dataform compile --json` prints (@dataform/core 3.x). Fields left at their proto
 * default may be absent, so every optional field is read as "false or empty" when missing.
 */

export interface Target {
  database?: string;
  schema: string;
  name: string;
}

export interface BigqueryOptions {
  partitionBy?: string;
  clusterBy?: string[];
  labels?: Record<string, string>;
  additionalOptions?: Record<string, string>;
  partitionExpirationDays?: number;
  requirePartitionFilter?: boolean;
  updatePartitionFilter?: string;
  incrementalPredicates?: string[];
}

export interface ActionDescriptor {
  description?: string;
  columns?: Array<{ path: string[]; description?: string }>;
  bigqueryLabels?: Record<string, string>;
}

export type TableType = "table" | "view" | "incremental";
export type OnSchemaChange = "IGNORE" | "FAIL" | "EXTEND" | "SYNCHRONIZE";
export type IncrementalStrategy = "INCREMENTAL_STRATEGY_UNSPECIFIED" | "MERGE" | "INSERT_OVERWRITE";

interface ActionBase {
  target: Target;
  fileName: string;
  tags?: string[];
  dependencyTargets?: Target[];
  disabled?: boolean;
  actionDescriptor?: ActionDescriptor;
}

export interface CompiledTable extends ActionBase {
  type: TableType;
  query: string;
  incrementalQuery?: string;
  preOps?: string[];
  postOps?: string[];
  incrementalPreOps?: string[];
  incrementalPostOps?: string[];
  where?: string;
  protected?: boolean;
  materialized?: boolean;
  bigquery?: BigqueryOptions;
  uniqueKey?: string[];
  onSchemaChange?: OnSchemaChange;
  incrementalStrategy?: IncrementalStrategy;
  jitCode?: string;
}

export interface CompiledOperation extends ActionBase {
  queries?: string[];
  hasOutput?: boolean;
}

export interface CompiledAssertion extends ActionBase {
  query: string;
  parentAction?: Target;
}

export interface CompiledDeclaration {
  target: Target;
  fileName?: string;
}

export interface CompiledTest {
  name: string;
  testQuery: string;
  expectedOutputQuery: string;
  fileName: string;
}

export interface CompilationError {
  fileName?: string;
  message: string;
}

export interface ProjectConfig {
  warehouse?: string;
  defaultDatabase?: string;
  defaultSchema?: string;
  assertionSchema?: string;
  defaultLocation?: string;
  vars?: Record<string, string>;
}

export interface CompiledGraph {
  tables?: CompiledTable[];
  operations?: CompiledOperation[];
  assertions?: CompiledAssertion[];
  declarations?: CompiledDeclaration[];
  tests?: CompiledTest[];
  projectConfig: ProjectConfig;
  graphErrors?: { compilationErrors?: CompilationError[] };
  dataformCoreVersion?: string;
}

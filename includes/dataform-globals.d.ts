// The globals Dataform provides to includes/ and definitions/*.js (only what this project uses).
declare const dataform: { projectConfig: { vars?: Record<string, string>; defaultDatabase?: string } };

interface DataformTarget {
  schema?: string;
  name?: string;
  database?: string;
}

interface DataformContext {
  ref(name: string | DataformTarget): string;
  self(): string;
  incremental(): boolean;
}

interface DataformTableConfig {
  type: "table" | "view" | "incremental";
  schema?: string;
  description?: string;
  tags?: string[];
  columns?: Record<string, string>;
  uniqueKey?: string[];
  dependencies?: string[];
  bigquery?: { partitionBy?: string; clusterBy?: string[]; labels?: Record<string, string> };
  incrementalStrategy?: "INSERT_OVERWRITE" | "MERGE";
  assertions?: { uniqueKey?: string[]; nonNull?: string[]; rowConditions?: string[] };
}

interface DataformTableBuilder {
  query(query: (context: DataformContext) => string): DataformTableBuilder;
  preOps(ops: (context: DataformContext) => string | string[]): DataformTableBuilder;
  postOps(ops: (context: DataformContext) => string | string[]): DataformTableBuilder;
}

declare function publish(name: string, config: DataformTableConfig): DataformTableBuilder;

interface DataformTestBuilder {
  dataset(name: string | DataformTarget): DataformTestBuilder;
  input(refName: string, query: string): DataformTestBuilder;
  expect(query: string): DataformTestBuilder;
}

declare function test(name: string): DataformTestBuilder;

interface DataformAssertionConfig {
  schema?: string;
  description?: string;
  tags?: string[];
}

interface DataformAssertionBuilder {
  query(query: (context: DataformContext) => string): DataformAssertionBuilder;
}

declare function assert(name: string, config?: DataformAssertionConfig): DataformAssertionBuilder;

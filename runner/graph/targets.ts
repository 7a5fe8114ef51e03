import type { Target } from "./compiledGraph.js";

/** Dataform's readable name: `database.schema.name`, or `schema.name` without a database. */
export function readableName(target: Target): string {
  return target.database ? `${target.database}.${target.schema}.${target.name}` : `${target.schema}.${target.name}`;
}

/** Where the target lives in the local warehouse: every dataset is a schema of the one file. */
export function localName(target: Target): string {
  return `${target.schema}.${target.name}`;
}

export function bigqueryReference(target: Target): string {
  return "`" + readableName(target) + "`";
}

export function duckdbReference(target: Target): string {
  return `"${target.schema.replace(/"/g, '""')}"."${target.name.replace(/"/g, '""')}"`;
}

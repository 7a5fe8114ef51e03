/** The BigQuery SQL shown beside each DuckDB task mirrors Dataform's execution_sql.ts. */
import { describe, expect, it } from "vitest";
import { dataformArguments } from "../../runner/bigquery/dataformCli.js";
import {
  concatenateStatements,
  createOrReplaceSql,
  incrementalQuery,
  insertSql,
  mergeSql,
} from "../../runner/execution/bigquerySql.js";
import type { CompiledTable } from "../../runner/graph/compiledGraph.js";

const table = (overrides: Partial<CompiledTable>): CompiledTable => ({
  type: "incremental",
  target: { database: "p", schema: "s", name: "t" },
  fileName: "definitions/t.sqlx",
  query: "SELECT 1 AS k, 2 AS v",
  ...overrides,
});

describe("BigQuery execution SQL", () => {
  it("concatenates pieces like Tasks.concatenate: trimmed, empty dropped, `;` kept before a trailing comment", () => {
    expect(concatenateStatements(["  select 1  ", "", "select 2 -- why", "select 3;", "select 4"])).toBe(
      "select 1;\nselect 2; -- why\nselect 3;\nselect 4",
    );
  });

  it("creates with partition, cluster and options in Dataform's order", () => {
    const sql = createOrReplaceSql(
      table({
        type: "table",
        bigquery: { partitionBy: "d", clusterBy: ["a", "b"], partitionExpirationDays: 14, requirePartitionFilter: true, additionalOptions: { friendly_name: '"T"' } },
      }),
    );
    expect(sql).toBe(
      "create or replace table `p.s.t` partition by d cluster by a, b OPTIONS(partition_expiration_days=14,require_partition_filter=true,friendly_name=\"T\")as SELECT 1 AS k, 2 AS v",
    );
  });

  it("wraps the incremental query in the where clause", () => {
    expect(incrementalQuery(table({ incrementalQuery: "SELECT 9", where: "k > 1" }))).toBe("\n  select * from (SELECT 9) as subquery\n    where k > 1");
  });

  it("inserts the snapshot's columns when there is no unique key", () => {
    expect(insertSql({ database: "p", schema: "s", name: "t" }, ["k", "v"], "Q")).toBe(
      "insert into `p.s.t`\t\n(`k`,`v`)\t\nselect `k`,`v`\t\nfrom (Q) as insertions",
    );
  });

  it("merges on the unique key with the partition filter and updates every column, keys included", () => {
    const sql = mergeSql(table({ uniqueKey: ["k"], bigquery: { updatePartitionFilter: "d > '2024-01-01'" } }), ["k", "v"], "Q");
    expect(sql).toBe(
      "merge `p.s.t` DATAFORM_DEST\nusing (Q\n) DATAFORM_SOURCE\non DATAFORM_DEST.k = DATAFORM_SOURCE.k and DATAFORM_DEST.d > '2024-01-01'\n" +
        "when matched then\n  update set `k` = DATAFORM_SOURCE.k,`v` = DATAFORM_SOURCE.v\n" +
        "when not matched then\n  insert (`k`,`v`) values (`k`,`v`)",
    );
  });
});

describe("dataform CLI hand-over (--target bigquery)", () => {
  it("passes our flags through in dataform run's spelling", () => {
    expect(
      dataformArguments("run", "/p", {
        actions: ["a", "b"],
        tags: ["daily"],
        includeDeps: true,
        fullRefresh: true,
        dryRun: true,
        actionRetryLimit: 2,
        vars: { lookback_days: "5" },
        json: true,
      }),
    ).toEqual(["run", "/p", "--actions", "a", "b", "--tags", "daily", "--include-deps", "--full-refresh", "--dry-run", "--action-retry-limit=2", "--vars=lookback_days=5", "--json"]);
  });
});

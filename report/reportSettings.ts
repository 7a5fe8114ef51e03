/**
 * Where the report looks for its tables: the datasets (DuckDB schemas) the Dataform project writes
 * to, from dataform.json and its vars, as `dataform run` would name them (--vars, --schema-suffix).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ReportSettingsError } from "./errors.js";

export interface ReportSchemas {
  raw: string;
  staging: string;
  marts: string;
  assertions: string;
}

export interface ReportSettings {
  schemas: ReportSchemas;
  /** The Google Cloud project Dataform writes to (dataform.json defaultDatabase). */
  defaultDatabase: string | null;
  reportingTimezone: string;
  sessionTimeoutMinutes: number;
}

interface DataformJson {
  defaultDatabase?: string;
  defaultSchema?: string;
  assertionSchema?: string;
  vars?: Record<string, string>;
}

export interface SettingsOverrides {
  vars?: Record<string, string>;
  schemaSuffix?: string;
}

export function readReportSettings(projectDir: string, overrides: SettingsOverrides = {}): ReportSettings {
  return reportSettingsFrom(readDataformJson(projectDir), overrides);
}

export function reportSettingsFrom(config: DataformJson, overrides: SettingsOverrides = {}): ReportSettings {
  const vars = { ...config.vars, ...overrides.vars };
  // Dataform appends the suffix to every dataset, assertions included.
  const suffixed = (schema: string) => (overrides.schemaSuffix ? `${schema}_${overrides.schemaSuffix}` : schema);
  return {
    schemas: {
      raw: suffixed(vars["raw_schema"] || "raw"),
      staging: suffixed(vars["staging_schema"] || "staging"),
      marts: suffixed(vars["marts_schema"] || config.defaultSchema || "marts"),
      assertions: suffixed(config.assertionSchema || "dataform_assertions"),
    },
    defaultDatabase: config.defaultDatabase || null,
    reportingTimezone: vars["reporting_timezone"] || "UTC",
    sessionTimeoutMinutes: Number(vars["session_timeout_minutes"] || 30),
  };
}

function readDataformJson(projectDir: string): DataformJson {
  const path = join(projectDir, "dataform.json");
  try {
    return JSON.parse(readFileSync(path, "utf8")) as DataformJson;
  } catch (error) {
    throw new ReportSettingsError(`Could not read ${path} (${(error as Error).message}). Pass --project-dir with the Dataform project.`);
  }
}

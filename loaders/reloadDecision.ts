/**
 * Whether a file is loaded, skipped or refused, given what the manifest says about its content hash
 * and its name. Both warehouses use this, so they agree on idempotency.
 */
import { ChangedFileError } from "./errors.js";

export type ReplaceMode = "never" | "changed" | "always";

export interface ManifestEntry {
  load_id: string;
  source_file: string;
  content_sha256: string;
}

export type ReloadDecision = { action: "skip"; note: string } | { action: "load"; replacing: boolean };

/**
 * "never" refuses a known name with new content, "changed" swaps rows only when the content
 * changed, "always" swaps them even when it did not (--replace).
 */
export function decideReload(previous: ManifestEntry[], file: string, sha256: string, replace: ReplaceMode): ReloadDecision {
  const sameContent = previous.find((entry) => entry.content_sha256 === sha256);
  const sameName = previous.find((entry) => entry.source_file === file);
  if (sameContent && replace !== "always") {
    return { action: "skip", note: `already loaded by ${sameContent.load_id}${sameContent.source_file === file ? "" : ` as ${sameContent.source_file}`}` };
  }
  if (sameName && replace === "never") throw new ChangedFileError(file, sameName.content_sha256);
  return { action: "load", replacing: sameName !== undefined || sameContent !== undefined };
}

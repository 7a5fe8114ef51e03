/** `load --from gs://...`: objects already in the bucket are validated from a local copy. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Storage } from "@google-cloud/storage";
import { splitUri } from "./loadFileToBigquery.js";

export interface DownloadedObject {
  path: string;
  cleanUp(): void;
}

export async function downloadObject(storage: Storage, uri: string): Promise<DownloadedObject> {
  const { bucket, object } = splitUri(uri);
  const dir = mkdtempSync(join(tmpdir(), "clickstream-download-"));
  const path = join(dir, basename(object));
  try {
    await storage.bucket(bucket).file(object).download({ destination: path, validation: "crc32c" });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { path, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

/** gs://bucket/prefix/*.csv → the matching objects (a trailing * or a single object). */
export async function listObjects(storage: Storage, pattern: string): Promise<string[]> {
  const { bucket, object } = splitUri(pattern);
  if (!object.includes("*")) return [pattern];
  const prefix = object.slice(0, object.indexOf("*"));
  const matcher = new RegExp(`^${object.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")}$`);
  const [files] = await storage.bucket(bucket).getFiles({ prefix });
  return files.filter((file) => matcher.test(file.name)).map((file) => `gs://${bucket}/${file.name}`).sort();
}

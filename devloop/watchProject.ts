/**
 * Watches a Dataform project's definitions/ and includes/ (chokidar: one event per save on every
 * platform, where fs.watch repeats or drops events) and reports saved files relative to the project.
 */
import { join, relative } from "node:path";
import { watch, type FSWatcher } from "chokidar";

export interface ProjectWatcher {
  close(): Promise<void>;
}

export async function watchProject(projectDir: string, onSave: (file: string) => void): Promise<ProjectWatcher> {
  const watcher: FSWatcher = watch([join(projectDir, "definitions"), join(projectDir, "includes")], {
    ignoreInitial: true,
    // Editors' swap and backup files are not saves of the project.
    ignored: (path) => /(^|[/\\])(\.#|#)|~$|\.swp$|\.swx$/.test(path),
  });
  watcher.on("all", (event, path) => {
    if (event === "add" || event === "change" || event === "unlink") onSave(relative(projectDir, path).replace(/\\/g, "/"));
  });
  await new Promise<void>((resolve, reject) => {
    watcher.once("ready", () => resolve());
    watcher.once("error", reject);
  });
  return { close: () => watcher.close() };
}

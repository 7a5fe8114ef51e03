/**
 * Saves in, builds out: saves are gathered for `debounceMs` after the last one, one build runs at a
 * time, and saves during a build queue exactly one more build (with every file saved meanwhile).
 */
export class BuildQueue {
  private pending = new Set<string>();
  /** When the first save of the pending batch happened (performance.now()). */
  private firstSavedAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly build: (files: string[], savedAt: number) => Promise<void>,
    private readonly debounceMs: number,
  ) {}

  /** A file was saved (project-relative path). */
  saved(file: string): void {
    if (this.closed) return;
    this.pending.add(file);
    this.firstSavedAt ??= performance.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.start(), this.debounceMs);
  }

  private async start(): Promise<void> {
    this.timer = undefined;
    if (this.running || this.pending.size === 0 || this.closed) return;
    const files = [...this.pending].sort();
    const savedAt = this.firstSavedAt ?? performance.now();
    this.pending.clear();
    this.firstSavedAt = undefined;
    this.running = this.build(files, savedAt).finally(() => {
      this.running = undefined;
      // Saves that came during the build: one more build, unless their own debounce is still waiting.
      if (this.pending.size > 0 && !this.timer) void this.start();
    });
    await this.running;
  }

  /** Resolves when no build runs and none waits. */
  async idle(): Promise<void> {
    while (this.running || this.timer) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, this.debounceMs));
    }
  }

  /** No more builds; waits for the one running. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

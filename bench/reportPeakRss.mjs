// Preloaded into every benchmarked process (`node --import`): on exit it records the process's peak
// resident set size, which includes DuckDB's native memory, to the file BENCH_RUSAGE_FILE names.
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_RUSAGE_FILE;
if (target) {
  process.on("exit", () => {
    writeFileSync(target, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
  });
}

#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npm install` is the only set-up step.
import { setFlagsFromString } from "node:v8";
import { register } from "tsx/esm/api";

// The SQL transpiler is a large WebAssembly module. V8's optimising tier recompiles all of it in the
// background and holds the process open for seconds at exit; the baseline tier is fast enough here.
setFlagsFromString("--liftoff-only");

// `clickstream run --dry-run | head` closes the pipe early; that is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv);

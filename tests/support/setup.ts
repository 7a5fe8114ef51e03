// Same reason as in bin/clickstream.js: keep V8 from recompiling the SQL transpiler's WebAssembly.
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--liftoff-only");

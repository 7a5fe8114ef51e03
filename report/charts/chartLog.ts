/**
 * Vega and Vega-Lite report problems to a logger instead of throwing (an axis that cannot be drawn
 * is logged and left out). This logger keeps them, so a broken chart fails the build and a
 * warning reaches the user instead of vanishing.
 */
import type { View } from "vega";

type VegaLogger = NonNullable<NonNullable<ConstructorParameters<typeof View>[1]>["logger"]>;

export interface ChartLog {
  errors: string[];
  warnings: string[];
}

const WARN_LEVEL = 2;

export function collectingLogger(log: ChartLog): VegaLogger {
  let level = WARN_LEVEL;
  const text = (args: unknown[]) => args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(" ");
  const logger: VegaLogger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: unknown[]) {
      log.errors.push(text(args));
      return logger;
    },
    warn(...args: unknown[]) {
      log.warnings.push(text(args));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

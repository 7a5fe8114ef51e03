/**
 * Vega-Lite spec → SVG, in Node: compiled to Vega and rendered by Vega's headless View, so the
 * page needs no script or network to show the charts.
 */
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { ChartRenderError } from "../errors.js";
import { collectingLogger, type ChartLog } from "./chartLog.js";
import { CHART_CONFIG } from "./chartTheme.js";
import { useEstimatedTextWidths } from "./textWidth.js";

/** Warnings go to `warnings` when given; errors always throw. */
export async function renderChartSvg(spec: TopLevelSpec, warnings: string[] = []): Promise<string> {
  const [svg] = await renderChartSvgs(spec, "", [null], warnings);
  return svg!;
}

/**
 * One SVG per dataset from a single spec: compiled and parsed once, the named dataset replaced
 * before each rendering (null keeps the spec's own values).
 */
export async function renderChartSvgs(spec: TopLevelSpec, dataName: string, datasets: Array<object[] | null>, warnings: string[] = []): Promise<string[]> {
  useEstimatedTextWidths();
  const log: ChartLog = { errors: [], warnings: [] };
  const logger = collectingLogger(log);
  const { spec: vegaSpec } = compile({ ...spec, config: { ...CHART_CONFIG, ...spec.config } } as TopLevelSpec, { logger });
  const view = new View(parse(vegaSpec), { renderer: "none", logger });
  const chart = spec.description ?? "a chart";
  const svgs: string[] = [];
  try {
    for (const values of datasets) {
      if (values) view.data(dataName, values);
      svgs.push(await view.toSVG());
    }
  } catch (error) {
    log.errors.push((error as Error).message);
  } finally {
    view.finalize();
  }
  if (log.errors.length > 0) throw new ChartRenderError(chart, log.errors);
  warnings.push(...log.warnings.map((warning) => `${chart}: ${warning}`));
  return svgs;
}

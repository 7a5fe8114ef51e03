/**
 * Where command output goes. Human-readable lines go to stdout; with --json, exactly one JSON
 * document goes to stdout and every human line moves to stderr. --quiet keeps only errors.
 */
import { styleText } from "node:util";

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
}

type Style = Parameters<typeof styleText>[0];

export class Output {
  private readonly colors: boolean;

  constructor(readonly options: OutputOptions) {
    const stream = options.json ? process.stderr : process.stdout;
    this.colors = Boolean(stream.isTTY) && !("NO_COLOR" in process.env);
  }

  /** True when progress can redraw a line: an interactive terminal, not CI, not --json/--quiet. */
  get interactive(): boolean {
    return !this.options.json && !this.options.quiet && Boolean(process.stderr.isTTY) && !process.env["CI"];
  }

  style(style: Style, text: string): string {
    return this.colors ? styleText(style, text) : text;
  }

  line(text = ""): void {
    if (this.options.quiet) return;
    (this.options.json ? process.stderr : process.stdout).write(`${text}\n`);
  }

  error(text: string): void {
    process.stderr.write(`${this.style("red", text)}\n`);
  }

  /** The one JSON document of a --json run. */
  json(document: unknown): void {
    if (this.options.json) process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }
}

export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)}ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)}s`;
  const minutes = Math.floor(milliseconds / 60_000);
  return `${minutes}m${Math.round((milliseconds % 60_000) / 1000)}s`;
}

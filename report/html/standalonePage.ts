/**
 * The shell of a generated page that opens anywhere without a network (the report, the docs site):
 * one HTML file with its styles and script inline, on a shared palette, font and reset.
 */
import { html, trusted, type SafeHtml } from "./safeHtml.js";

const BASE_STYLES = `
:root {
  --text: #1f2933; --muted: #52606d; --line: #dde3ea; --page: #f4f6f8; --card: #fff;
  --primary: #0072b2; --good: #117a3d; --bad: #b3261e; --warn: #8a5a00;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text); background: var(--page); line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; }`;

export interface StandalonePage {
  /** The command that built it, for the generator meta tag. */
  generator: string;
  title: string;
  /** The page's own styles, after the shared ones. */
  styles: string;
  script: string;
  body: SafeHtml;
}

export function standalonePage(page: StandalonePage): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${page.generator}">
<title>${page.title}</title>
<style>${trusted(BASE_STYLES + page.styles)}</style>
</head>
<body>
${page.body}
<script>${trusted(page.script)}</script>
</body>
</html>
`.value;
}

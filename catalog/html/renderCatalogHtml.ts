/** The docs site as one self-contained HTML document: inline SVG, CSS and script only. */
import { html, type SafeHtml } from "../../report/html/safeHtml.js";
import { standalonePage } from "../../report/html/standalonePage.js";
import type { UnitTestOutcome } from "../../runner/unitTests/runUnitTests.js";
import { actionLineageSvg, overviewLineageSvg, shortLabel } from "../lineageSvg.js";
import type { Catalog, CatalogEntry } from "../readCatalog.js";
import { CATALOG_SCRIPT } from "./catalogScript.js";
import { CATALOG_STYLES } from "./catalogStyles.js";

const KIND_ORDER: CatalogEntry["kind"][] = ["declaration", "table", "incremental", "view", "operation", "assertion"];

const count = (value: number) => value.toLocaleString("en");

export function renderCatalogHtml(catalog: Catalog): string {
  const entries = [...catalog.entries].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || shortLabel(a).localeCompare(shortLabel(b)),
  );
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const tests = [...entries.flatMap((entry) => entry.unitTests), ...catalog.otherUnitTests];
  return standalonePage({
    generator: "clickstream docs",
    title: "Clickstream models",
    styles: CATALOG_STYLES,
    script: CATALOG_SCRIPT,
    body: html`<header class="site">
  <h1><a href="#/">Clickstream models</a></h1>
  <p>${entries.length} actions, ${tests.length} unit tests · built ${catalog.builtAt.replace("T", " ").slice(0, 19)} UTC${catalog.warehouse ? html` from <code>${catalog.warehouse}</code>` : ""}</p>
</header>
<div class="layout">
<aside>
  <input id="search" type="search" placeholder="Search actions and columns" aria-label="Search actions and columns" autocomplete="off">
  <p id="search-count" aria-live="polite"></p>
  <ul id="action-list">${entries.map(
    (entry) =>
      html`<li data-action="${entry.name}" data-search="${searchText(entry)}"><a href="#/${entry.name}">${shortLabel(entry)}</a><span class="kind">${entry.kind}</span></li>`,
  )}</ul>
</aside>
<main>
${overview(entries, tests)}
${entries.map((entry) => actionPage(entry, byName))}
</main>
</div>`,
  });
}

function searchText(entry: CatalogEntry): string {
  return [entry.name, ...entry.tags, ...entry.columns.map((column) => column.name)].join(" ").toLowerCase();
}

function overview(entries: CatalogEntry[], tests: UnitTestOutcome[]): SafeHtml {
  const failedTests = tests.filter((test) => test.status === "failed").length;
  const failingAssertions = entries.filter((entry) => (entry.failingRows ?? 0) > 0).length;
  return html`<section class="page" id="overview">
<h2>Overview</h2>
<p class="meta">Click an action in the graph or the list; search by action name, tag or column.</p>
<div class="facts">
  <div class="fact"><b>${entries.filter((entry) => entry.kind !== "assertion" && entry.kind !== "declaration").length}</b><span>models</span></div>
  <div class="fact"><b>${entries.filter((entry) => entry.kind === "declaration").length}</b><span>sources</span></div>
  <div class="fact"><b class="${failingAssertions ? "bad" : "good"}">${entries.filter((entry) => entry.kind === "assertion").length}</b><span>assertions${failingAssertions ? `, ${failingAssertions} failing` : ""}</span></div>
  <div class="fact"><b class="${failedTests ? "bad" : "good"}">${tests.length}</b><span>unit tests${failedTests ? `, ${failedTests} failed` : ""}</span></div>
</div>
<h3>Lineage</h3>
<div class="scroll">${overviewLineageSvg(entries)}</div>
<h3>Built relations</h3>
<table><thead><tr><th>action</th><th>kind</th><th>rows</th><th>newest data</th></tr></thead><tbody>
${entries
  .filter((entry) => entry.stats)
  .map(
    (entry) =>
      html`<tr><td><a href="#/${entry.name}">${shortLabel(entry)}</a></td><td>${entry.kind}</td><td class="number">${count(entry.stats!.rows)}</td><td>${entry.stats!.freshness ? `${entry.stats!.freshness.value} (${entry.stats!.freshness.column})` : ""}</td></tr>`,
  )}
</tbody></table>
</section>`;
}

function actionPage(entry: CatalogEntry, byName: Map<string, CatalogEntry>): SafeHtml {
  const assertions = entry.downstream.map((name) => byName.get(name)!).filter((item) => item.kind === "assertion");
  return html`<section class="page action" data-action="${entry.name}" data-label="${shortLabel(entry)}" hidden>
<h2>${shortLabel(entry)}</h2>
<p class="meta">${entry.kind}${entry.disabled ? " (disabled)" : ""}${entry.sourceFile ? html` · <code>${entry.sourceFile}</code>` : ""} · <code>${entry.name}</code></p>
${entry.tags.length ? html`<p class="tags">${entry.tags.map((tag) => html`<span class="tag">${tag}</span>`)}</p>` : ""}
<p class="description">${entry.description ?? html`<span class="muted">No description.</span>`}</p>
${facts(entry)}
<h3>Lineage</h3>
<div class="scroll">${actionLineageSvg(entry, byName)}</div>
<p class="meta">Upstream: ${links(entry.upstream, byName)} · Downstream: ${links(entry.downstream, byName)}</p>
${entry.columns.length ? columnsTable(entry) : ""}
${entry.kind === "assertion" || entry.kind === "declaration" ? "" : assertionList(assertions)}
${entry.unitTests.length ? unitTestList(entry.unitTests) : ""}
${entry.source !== undefined ? html`<h3>Source <span class="muted">${entry.sourceFile}</span></h3><pre class="source"><code>${entry.source}</code></pre>` : ""}
${entry.compiled.length ? html`<h3>Compiled BigQuery SQL</h3>${entry.compiled.map((part, index) => html`<details class="compiled"${index === entry.compiled.length - 1 || part.label.startsWith("query") || part.label.startsWith("assertion") ? " open" : ""}><summary>${part.label}</summary><pre><code>${part.sql.trim()}</code></pre></details>`)}` : ""}
</section>`;
}

function facts(entry: CatalogEntry): SafeHtml | string {
  if (entry.kind === "assertion") {
    if (entry.failingRows === undefined) return html`<p class="muted">Not evaluated: the assertion's view is not in the warehouse (run it first).</p>`;
    const pass = entry.failingRows === 0;
    return html`<div class="facts"><div class="fact assertion-result"><b class="${pass ? "good" : "bad"}">${pass ? "passes" : `${count(entry.failingRows)} failing rows`}</b><span>on the warehouse when these docs were built</span></div></div>`;
  }
  if (!entry.stats) {
    return entry.kind === "operation" ? "" : html`<p class="muted">Not built in this warehouse.</p>`;
  }
  return html`<div class="facts">
<div class="fact"><b class="row-count">${count(entry.stats.rows)}</b><span>rows (${entry.stats.relation === "VIEW" ? "view" : "table"})</span></div>
${entry.stats.freshness ? html`<div class="fact"><b>${entry.stats.freshness.value}</b><span>newest ${entry.stats.freshness.column}</span></div>` : ""}
</div>`;
}

function links(names: string[], byName: Map<string, CatalogEntry>): SafeHtml | string {
  if (names.length === 0) return "none";
  return html`${names.map((name, index) => html`${index ? ", " : ""}<a href="#/${name}">${shortLabel(byName.get(name)!)}</a>`)}`;
}

function columnsTable(entry: CatalogEntry): SafeHtml {
  return html`<h3>Columns</h3><table class="columns"><thead><tr><th>column</th><th>type</th><th>description</th></tr></thead><tbody>
${entry.columns.map((column) => html`<tr><td><code>${column.name}</code></td><td>${column.type ?? ""}</td><td>${column.description ?? html`<span class="muted">undocumented</span>`}</td></tr>`)}
</tbody></table>`;
}

function assertionList(assertions: CatalogEntry[]): SafeHtml {
  if (assertions.length === 0) return html`<h3>Assertions</h3><p class="muted">None.</p>`;
  return html`<h3>Assertions</h3><ul class="plain assertions">${assertions.map(
    (assertion) =>
      html`<li><a href="#/${assertion.name}">${assertion.table}</a> · ${
        assertion.failingRows === undefined
          ? html`<span class="muted">not evaluated</span>`
          : assertion.failingRows === 0
            ? html`<span class="good">passes</span>`
            : html`<span class="bad">${count(assertion.failingRows)} failing rows</span>`
      }</li>`,
  )}</ul>`;
}

function unitTestList(tests: UnitTestOutcome[]): SafeHtml {
  return html`<h3>Unit tests</h3><ul class="plain unit-tests">${tests.map(
    (test) =>
      html`<li>${test.name} <span class="muted">(${test.fileName})</span> · ${test.status === "passed" ? html`<span class="good">passed</span>` : html`<span class="bad">failed</span>: ${test.messages.join("; ")}`}</li>`,
  )}</ul>`;
}

/** The page's building blocks: sections, chart figures, tables and small facts. */
import { html, trusted, type SafeHtml } from "./safeHtml.js";

export interface SectionContent {
  id: string;
  title: string;
  /** What the section answers, in one sentence. */
  intro: string;
  body: SafeHtml;
}

export function section(content: SectionContent): SafeHtml {
  return html`<section id="${content.id}" aria-labelledby="${content.id}-title">
  <h2 id="${content.id}-title">${content.title}</h2>
  <p class="intro">${content.intro}</p>
  ${content.body}
</section>`;
}

export interface FigureContent {
  id: string;
  title: string;
  /** The question the chart answers (its subtitle). */
  question: string;
  svg: string;
  note?: SafeHtml | string;
  wide?: boolean;
  hidden?: boolean;
  attributes?: Record<string, string>;
}

export function chartFigure(figure: FigureContent): SafeHtml {
  const attributes = Object.entries(figure.attributes ?? {}).map(([name, value]) => html` ${name}="${value}"`);
  return html`<figure class="card chart${figure.wide ? " wide" : ""}" id="${figure.id}" data-chart="${figure.id}"${attributes}${figure.hidden ? html` hidden` : ""}>
  <figcaption><h3>${figure.title}</h3><p class="question">${figure.question}</p></figcaption>
  <div class="chart-body">${trusted(figure.svg)}</div>
  ${figure.note ? html`<p class="note">${figure.note}</p>` : ""}
</figure>`;
}

export interface TableColumn<Row> {
  title: string;
  /** Numbers align right and sort numerically. */
  numeric?: boolean;
  cell(row: Row): SafeHtml | string;
  /** What the column sorts by; the cell's text when absent. */
  sortValue?(row: Row): number | string | null;
}

export interface TableContent<Row> {
  caption: string;
  columns: TableColumn<Row>[];
  rows: Row[];
  sortable?: boolean;
  /** Limit the height and scroll, for long tables. */
  scroll?: boolean;
}

export function dataTable<Row>(table: TableContent<Row>): SafeHtml {
  const headers = table.columns.map(
    (column) =>
      html`<th scope="col"${column.numeric ? html` class="numeric"` : ""}>${table.sortable ? html`<button type="button" data-sort="${column.numeric ? "number" : "text"}">${column.title}<span class="sort-mark" aria-hidden="true"></span></button>` : column.title}</th>`,
  );
  const rows = table.rows.map(
    (row) =>
      html`<tr>${table.columns.map((column) => {
        const sortValue = column.sortValue?.(row);
        return html`<td${column.numeric ? html` class="numeric"` : ""}${sortValue !== undefined && sortValue !== null ? html` data-value="${sortValue}"` : ""}>${column.cell(row)}</td>`;
      })}</tr>`,
  );
  return html`<div class="table-wrap${table.scroll ? " scroll" : ""}"><table class="data-table${table.sortable ? " sortable" : ""}">
  <caption>${table.caption}</caption>
  <thead><tr>${headers}</tr></thead>
  <tbody>${rows}</tbody>
</table></div>`;
}

/** A block of figures side by side on wide screens. */
export function grid(...items: SafeHtml[]): SafeHtml {
  return html`<div class="grid">${items}</div>`;
}

/** A wide item with a narrower one beside it. */
export function mainAndSide(main: SafeHtml, side: SafeHtml): SafeHtml {
  return html`<div class="grid main-side">${main}${side}</div>`;
}

/** Three narrower items side by side. */
export function thirds(...items: SafeHtml[]): SafeHtml {
  return html`<div class="grid thirds">${items}</div>`;
}

export function card(title: string, question: string, body: SafeHtml, id?: string): SafeHtml {
  return html`<div class="card"${id ? html` id="${id}"` : ""}><h3>${title}</h3><p class="question">${question}</p>${body}</div>`;
}

/** Labelled figures: in a flowing grid, in pairs, or stacked one per line. */
export function facts(items: Array<[label: string, value: string]>, layout: "grid" | "pairs" | "stacked" = "grid"): SafeHtml {
  return html`<dl class="facts${layout === "grid" ? "" : ` ${layout}`}">${items.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`;
}

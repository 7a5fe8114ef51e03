/**
 * Lineage drawn as SVG when the site is built (no script, no library, works offline): a layered
 * layout, each layer a column, nodes ordered by the mean position of their parents to keep edges
 * short. Every node is a link to its action's page.
 */
import { html, type SafeHtml } from "../report/html/safeHtml.js";
import type { CatalogEntry } from "./readCatalog.js";

const NODE_WIDTH = 250;
const NODE_HEIGHT = 26;
const COLUMN_GAP = 70;
const ROW_GAP = 10;
const PAD = 8;

export type NodeRole = "upstream" | "self" | "downstream" | "node";

interface Node {
  name: string;
  label: string;
  kind: CatalogEntry["kind"];
  role: NodeRole;
  column: number;
  row: number;
}

/** `schema.name`: what analysts call an action; the project id is the same everywhere. */
export function shortLabel(entry: Pick<CatalogEntry, "schema" | "table">): string {
  return `${entry.schema}.${entry.table}`;
}

function truncate(text: string, characters: number): string {
  return text.length <= characters ? text : `${text.slice(0, characters - 1)}…`;
}

function render(nodes: Node[], edges: Array<[from: string, to: string]>, label: string): SafeHtml {
  const columns = Math.max(...nodes.map((node) => node.column)) + 1;
  const rows = Math.max(...nodes.map((node) => node.row)) + 1;
  const width = PAD * 2 + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP;
  const height = PAD * 2 + rows * NODE_HEIGHT + (rows - 1) * ROW_GAP;
  const x = (node: Node) => PAD + node.column * (NODE_WIDTH + COLUMN_GAP);
  const y = (node: Node) => PAD + node.row * (NODE_HEIGHT + ROW_GAP);
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const paths = edges.map(([from, to]) => {
    const a = byName.get(from)!;
    const b = byName.get(to)!;
    const [x1, y1, x2, y2] = [x(a) + NODE_WIDTH, y(a) + NODE_HEIGHT / 2, x(b), y(b) + NODE_HEIGHT / 2];
    const bend = (x2 - x1) / 2;
    return html`<path class="edge" data-from="${from}" data-to="${to}" d="M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}"/>`;
  });
  const boxes = nodes.map(
    (node) => html`<a href="#/${node.name}" class="node ${node.kind} ${node.role}" data-lineage-node="${node.name}" data-role="${node.role}">
<title>${node.name} (${node.kind})</title>
<rect x="${x(node)}" y="${y(node)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="5"/>
<text x="${x(node) + 8}" y="${y(node) + NODE_HEIGHT / 2 + 4}">${truncate(node.label, 34)}</text></a>`,
  );
  return html`<svg class="lineage" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">${paths}${boxes}</svg>`;
}

/** One action's lineage: its direct upstream actions, itself, its direct downstream actions. */
export function actionLineageSvg(entry: CatalogEntry, byName: Map<string, CatalogEntry>): SafeHtml {
  const node = (name: string, role: NodeRole, column: number, row: number): Node => {
    const item = byName.get(name)!;
    return { name, label: shortLabel(item), kind: item.kind, role, column, row };
  };
  const hasUpstream = entry.upstream.length > 0;
  const self = hasUpstream ? 1 : 0;
  const middle = (count: number) => Math.max(0, Math.floor((Math.max(entry.upstream.length, entry.downstream.length, 1) - count) / 2));
  const nodes = [
    ...entry.upstream.map((name, index) => node(name, "upstream", 0, index)),
    node(entry.name, "self", self, middle(1)),
    ...entry.downstream.map((name, index) => node(name, "downstream", self + 1, index)),
  ];
  const edges: Array<[string, string]> = [
    ...entry.upstream.map((name): [string, string] => [name, entry.name]),
    ...entry.downstream.map((name): [string, string] => [entry.name, name]),
  ];
  return render(nodes, edges, `Lineage of ${entry.name}`);
}

/** The whole graph without assertions (they hang off nearly every table): sources left, marts right. */
export function overviewLineageSvg(entries: CatalogEntry[]): SafeHtml {
  const shown = entries.filter((entry) => entry.kind !== "assertion");
  const names = new Set(shown.map((entry) => entry.name));
  const byName = new Map(shown.map((entry) => [entry.name, entry]));
  const layer = new Map<string, number>();
  const layerOf = (name: string, seen: Set<string> = new Set()): number => {
    if (layer.has(name)) return layer.get(name)!;
    if (seen.has(name)) return 0;
    seen.add(name);
    const parents = byName.get(name)!.upstream.filter((parent) => names.has(parent));
    const value = parents.length === 0 ? 0 : Math.max(...parents.map((parent) => layerOf(parent, seen))) + 1;
    layer.set(name, value);
    return value;
  };
  for (const entry of shown) layerOf(entry.name);
  const columns = Math.max(0, ...layer.values()) + 1;
  const row = new Map<string, number>();
  const nodes: Node[] = [];
  for (let column = 0; column < columns; column++) {
    const inColumn = shown.filter((entry) => layer.get(entry.name) === column);
    const weight = (entry: CatalogEntry) => {
      const parents = entry.upstream.filter((parent) => row.has(parent)).map((parent) => row.get(parent)!);
      return parents.length ? parents.reduce((sum, value) => sum + value, 0) / parents.length : 0;
    };
    inColumn.sort((a, b) => weight(a) - weight(b) || a.name.localeCompare(b.name));
    inColumn.forEach((entry, index) => {
      row.set(entry.name, index);
      nodes.push({ name: entry.name, label: shortLabel(entry), kind: entry.kind, role: "node", column, row: index });
    });
  }
  const edges = shown.flatMap((entry) => entry.upstream.filter((parent) => names.has(parent)).map((parent): [string, string] => [parent, entry.name]));
  return render(nodes, edges, "Lineage of the project (assertions left out)");
}

/** The page's stylesheet, after the shared base in report/html/standalonePage.ts. */
export const REPORT_STYLES = `
header.page { background: #12263a; color: #fff; padding: 28px 32px 20px; }
header.page h1 { margin: 0 0 6px; font-size: 28px; letter-spacing: -0.01em; }
header.page p { margin: 0; color: #c9d6e3; }
nav.toc { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 32px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
nav.toc a { color: var(--primary); text-decoration: none; font-weight: 600; font-size: 14px; }
nav.toc a:hover, nav.toc a:focus { text-decoration: underline; }
main { max-width: 1280px; margin: 0 auto; padding: 8px 32px 40px; }
section { margin-top: 28px; scroll-margin-top: 48px; }
section h2 { font-size: 22px; margin: 0 0 4px; }
p.intro { margin: 0 0 14px; color: var(--muted); max-width: 900px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; min-width: 0; }
.card h3 { margin: 0; font-size: 16px; }
p.question { margin: 2px 0 10px; color: var(--muted); font-size: 14px; }
figure { margin: 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; margin-bottom: 16px; align-items: start; }
.grid.main-side { grid-template-columns: minmax(0, 2fr) minmax(320px, 1fr); }
.grid.thirds { grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); }
.grid > .wide { grid-column: 1 / -1; }
.chart-body { overflow-x: auto; }
.chart-body svg { display: block; max-width: 100%; height: auto; }
p.note { margin: 8px 0 0; font-size: 13px; color: var(--muted); }
.kpi-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.card.kpi { padding: 14px 14px; }
.kpi-label { font-size: 13px; color: var(--muted); font-weight: 600; }
.kpi-value { font-size: 28px; font-weight: 700; margin: 2px 0; font-variant-numeric: tabular-nums; }
.kpi-change { font-size: 14px; font-weight: 600; }
.kpi-change.good { color: var(--good); } .kpi-change.bad { color: var(--bad); } .kpi-change.flat { color: var(--muted); }
.kpi-verdict { font-weight: 400; font-size: 13px; }
.kpi-previous { color: var(--muted); font-weight: 400; font-size: 13px; }
label.picker { display: inline-flex; gap: 8px; align-items: center; font-weight: 600; margin-bottom: 12px; }
label.picker select { font: inherit; padding: 4px 8px; border: 1px solid #9aa5b1; border-radius: 6px; background: #fff; }
.table-wrap { overflow-x: auto; }
.table-wrap.scroll { max-height: 440px; overflow-y: auto; }
table.data-table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
table.data-table caption { caption-side: top; text-align: left; color: var(--muted); font-size: 13px; padding-bottom: 6px; }
table.data-table th, table.data-table td { padding: 5px 8px; border-bottom: 1px solid #edf0f3; text-align: left; white-space: nowrap; }
table.data-table th { position: sticky; top: 0; background: #f8fafc; font-size: 12px; color: var(--muted); white-space: normal; vertical-align: bottom; }
table.data-table .numeric { text-align: right; }
table.data-table tbody tr:hover { background: #f5f9fc; }
table.data-table th button { all: unset; cursor: pointer; font-weight: 600; }
table.data-table th button:focus-visible { outline: 2px solid var(--primary); outline-offset: 2px; }
th[aria-sort="ascending"] .sort-mark::after { content: " ▲"; }
th[aria-sort="descending"] .sort-mark::after { content: " ▼"; }
.path { display: inline-flex; flex-wrap: wrap; gap: 4px; align-items: center; white-space: normal; }
.step { padding: 1px 7px; border-radius: 999px; font-size: 12px; font-weight: 600; color: #fff; }
.step-view { background: #0072b2; } .step-cart { background: #9a6700; } .step-remove_from_cart { background: #a8457f; } .step-purchase { background: #00785a; }
.arrow { color: var(--muted); }
.bar-cell { display: inline-flex; align-items: center; gap: 8px; justify-content: flex-end; min-width: 150px; }
.bar-cell .bar { display: inline-block; height: 10px; background: #9aafc4; border-radius: 2px; max-width: 90px; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 8px 16px; margin: 0 0 12px; }
dl.facts div { border-left: 3px solid var(--line); padding-left: 10px; }
dl.facts dt { font-size: 13px; color: var(--muted); }
dl.facts dd { margin: 0; font-size: 17px; font-weight: 700; font-variant-numeric: tabular-nums; }
dl.facts.stacked { grid-template-columns: 1fr; }
dl.facts.pairs { grid-template-columns: 1fr 1fr; }
p.status { font-weight: 600; margin: 8px 0; }
p.status.ok, li.ok { color: var(--good); } p.status.fail, li.fail { color: var(--bad); } p.status.warn { color: var(--warn); }
ul.assertions, ul.failing { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
ul.assertions { list-style: none; padding-left: 0; columns: 2 300px; }
details summary { cursor: pointer; color: var(--primary); font-weight: 600; font-size: 14px; }
code { font-size: 12px; }
footer.page { max-width: 1280px; margin: 0 auto; padding: 0 32px 32px; color: var(--muted); font-size: 13px; }
#chart-tooltip { position: fixed; pointer-events: none; background: #1f2933; color: #fff; font-size: 13px; padding: 5px 8px; border-radius: 6px; max-width: 360px; z-index: 10; }
@media (max-width: 1000px) { .grid.main-side { grid-template-columns: 1fr; } }
@media (max-width: 640px) { main, header.page, nav.toc { padding-left: 14px; padding-right: 14px; } .grid, .grid.thirds { grid-template-columns: 1fr; } }
@media print { nav.toc { display: none; } .card { break-inside: avoid; } }
`;

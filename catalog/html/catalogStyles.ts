/** The site's stylesheet, after the shared base in report/html/standalonePage.ts. */
export const CATALOG_STYLES = `
header.site { background: #12263a; color: #fff; padding: 18px 28px 14px; }
header.site h1 { margin: 0 0 4px; font-size: 24px; }
header.site h1 a { color: inherit; text-decoration: none; }
header.site p { margin: 0; color: #c9d6e3; font-size: 14px; }
.layout { display: grid; grid-template-columns: 320px minmax(0, 1fr); min-height: calc(100vh - 80px); }
aside { border-right: 1px solid var(--line); background: #fff; padding: 14px; position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; }
aside input { width: 100%; padding: 7px 9px; font-size: 14px; border: 1px solid #b8c4d0; border-radius: 6px; }
#search-count { margin: 6px 0 0; font-size: 13px; color: var(--muted); min-height: 1em; }
#action-list { list-style: none; margin: 8px 0 0; padding: 0; font-size: 13px; }
#action-list li { display: flex; justify-content: space-between; gap: 6px; padding: 2px 4px; border-radius: 4px; }
#action-list li.current { background: #e6f1f8; }
#action-list a { color: var(--primary); text-decoration: none; overflow-wrap: anywhere; }
#action-list a:hover { text-decoration: underline; }
.kind { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; white-space: nowrap; }
main { padding: 8px 28px 40px; min-width: 0; }
section.page h2 { font-size: 22px; margin: 14px 0 2px; overflow-wrap: anywhere; }
section.page h3 { font-size: 16px; margin: 22px 0 6px; }
p.meta { margin: 0; color: var(--muted); font-size: 14px; }
p.description { max-width: 900px; }
.tag { display: inline-block; background: #e6eef5; color: #243b53; border-radius: 10px; padding: 0 8px; margin-right: 4px; font-size: 12px; }
.facts { display: flex; flex-wrap: wrap; gap: 10px; }
.fact { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.fact b { display: block; font-size: 20px; font-variant-numeric: tabular-nums; }
.fact span { font-size: 12px; color: var(--muted); }
.good { color: var(--good); } .bad { color: var(--bad); } .muted { color: var(--muted); }
table { border-collapse: collapse; background: var(--card); font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 10px; text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #0f1e2d; color: #e4ebf2; padding: 12px 14px; border-radius: 8px; overflow-x: auto; font-size: 12.5px; line-height: 1.5; }
details summary { cursor: pointer; font-weight: 600; margin: 6px 0; }
.scroll { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 6px; }
svg.lineage { display: block; font-size: 12px; }
svg.lineage .edge { fill: none; stroke: #9aa5b1; stroke-width: 1.3; }
svg.lineage rect { fill: #fff; stroke: #7b8794; }
svg.lineage .self rect { fill: #12263a; stroke: #12263a; }
svg.lineage .self text { fill: #fff; font-weight: 600; }
svg.lineage .declaration rect { fill: #f0f4f8; stroke-dasharray: 4 2; }
svg.lineage .assertion rect { fill: #fff8e6; }
svg.lineage a:hover rect { stroke: var(--primary); stroke-width: 2; }
svg.lineage text { fill: var(--text); font-family: inherit; }
ul.plain { padding-left: 18px; margin: 4px 0; }
`;

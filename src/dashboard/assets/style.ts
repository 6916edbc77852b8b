/** The dashboard's stylesheet, served at /static/style.css. System fonts, no web fonts. */
export const STYLE_CSS = String.raw`
:root { --fg: #1f2933; --muted: #66788a; --line: #e1e7ec; --bg: #f6f8fa; --card: #fff; --accent: #2563eb; --bad: #b91c1c; --ok: #047857; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #0f172a; }
header a { color: #cbd5e1; text-decoration: none; }
header .brand { color: #fff; font-weight: 700; font-size: 16px; }
header nav { display: flex; gap: 16px; flex-wrap: wrap; }
header nav a[aria-current=page] { color: #fff; border-bottom: 2px solid #60a5fa; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 32px; }
main.login { max-width: 360px; margin-top: 80px; }
h1 { font-size: 22px; margin: 8px 0 16px; }
h2 { font-size: 16px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 12px 0 4px; }
footer { text-align: center; color: var(--muted); font-size: 12px; padding: 16px; }
a { color: var(--accent); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 16px; overflow-x: auto; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.grid .card { margin-bottom: 0; }
table { border-collapse: collapse; width: 100%; }
td.name { white-space: nowrap; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); } .small { font-size: 12px; } .bad { color: var(--bad); } .ok { color: var(--ok); }
.url { word-break: break-all; }
.pill { white-space: nowrap; display: inline-block; padding: 1px 8px; border-radius: 10px; background: #eef2f7; font-size: 12px; color: var(--fg); text-decoration: none; margin: 1px 0; }
.pill.ok, .pill.delivered, .pill.flagged { background: #d1fae5; color: #065f46; }
.pill.failing, .pill.failed { background: #fee2e2; color: #991b1b; }
.pill.claimed, .pill.below { background: #fef3c7; color: #92400e; }
.pill.never, .pill.empty, .pill.nomatch { background: #eef2f7; color: var(--muted); }
.pill.wl { background: #dbeafe; color: #1e40af; }
.chart { width: 100%; height: auto; display: block; margin-bottom: 10px; }
.chart .axis { stroke: #94a3b8; } .chart .grid { stroke: #e2e8f0; stroke-dasharray: 3 3; }
.chart text { font-size: 10px; fill: var(--muted); } .chart .xl { text-anchor: middle; } .chart .yl { text-anchor: end; }
.legend { list-style: none; display: flex; gap: 14px; flex-wrap: wrap; padding: 0; margin: 4px 0 0; font-size: 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: end; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
input, select, textarea, button { font: inherit; }
input, select, textarea { border: 1px solid #cbd5e1; border-radius: 5px; padding: 5px 7px; background: #fff; color: var(--fg); }
button { background: var(--accent); color: #fff; border: 0; border-radius: 5px; padding: 6px 14px; cursor: pointer; }
button.secondary { background: #e2e8f0; color: var(--fg); }
button[disabled] { opacity: .6; cursor: wait; }
form.inline { display: inline; margin-left: 10px; } form.inline button { font-size: 12px; padding: 3px 10px; }
.try textarea { width: 100%; display: block; margin-bottom: 8px; }
.try .row { display: flex; gap: 8px; } .try .row input { flex: 1; }
ol.items { list-style: none; padding: 0; }
.item { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin-bottom: 10px; }
.item-title a { color: var(--fg); text-decoration: none; } .item-title a:hover { text-decoration: underline; }
.score { display: inline-block; min-width: 28px; text-align: center; background: #0f172a; color: #fff; border-radius: 5px; font-weight: 600; font-size: 12px; padding: 1px 6px; }
.meta { font-size: 12px; margin: 4px 0; color: var(--fg); }
ul.hits { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
ul.hits .term { background: #eef2f7; padding: 0 4px; border-radius: 3px; }
ul.hits .field { color: var(--muted); font-size: 11px; text-transform: uppercase; }
mark { background: #fde68a; padding: 0 1px; border-radius: 2px; }
pre.query { background: #f1f5f9; padding: 8px 10px; border-radius: 5px; white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
.error { color: var(--bad); background: #fef2f2; border: 1px solid #fecaca; padding: 8px 10px; border-radius: 5px; }
.notice { background: #eff6ff; border: 1px solid #bfdbfe; padding: 8px 12px; border-radius: 6px; margin-bottom: 16px; }
ul.plain { padding-left: 18px; margin: 0; }
.result { border-top: 1px solid var(--line); margin-top: 12px; padding-top: 4px; }
.login form { display: flex; flex-direction: column; gap: 10px; } .login label { display: flex; flex-direction: column; gap: 4px; }
`;

/** The dashboard's stylesheet, served at /static/style.css. System fonts, no web fonts. */
export const STYLE_CSS = String.raw`
:root { --fg: #1f2933; --muted: #66788a; --line: #e1e7ec; --bg: #f6f8fa; --card: #fff; --accent: #2563eb; --bad: #b91c1c; --ok: #047857; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: center; flex-wrap: wrap; gap: 8px 24px; padding: 10px 24px; background: #0f172a; }
header a { color: #cbd5e1; text-decoration: none; }
header .brand { color: #fff; font-weight: 700; font-size: 16px; }
header nav { display: flex; gap: 16px; flex-wrap: wrap; }
header nav a[aria-current=page] { color: #fff; border-bottom: 2px solid #60a5fa; }
header .zone { margin-left: auto; display: flex; align-items: center; gap: 8px; color: #94a3b8; font-size: 12px; }
header .zone strong { color: #e2e8f0; font-weight: 600; }
button.link { background: none; border: 0; padding: 0; color: #93c5fd; text-decoration: underline; font-size: 12px; cursor: pointer; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 32px; }
main.login { max-width: 360px; margin-top: 80px; }
h1 { font-size: 22px; margin: 8px 0 16px; }
h2 { font-size: 16px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 12px 0 4px; }
footer { text-align: center; color: var(--muted); font-size: 12px; padding: 16px; }
a { color: var(--accent); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 16px; overflow-x: auto; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 16px; }
.grid .card { margin-bottom: 0; }
table { border-collapse: collapse; width: 100%; }
td.name { white-space: nowrap; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); } .small { font-size: 12px; } .bad { color: var(--bad); } .ok { color: var(--ok); }
.url { word-break: break-all; }
.when, .nowrap, time { white-space: nowrap; }
td.error-text { min-width: 14em; overflow-wrap: anywhere; }
.item-title { overflow-wrap: anywhere; }
.pill { white-space: nowrap; display: inline-block; padding: 1px 8px; border-radius: 10px; background: #eef2f7; font-size: 12px; color: var(--fg); text-decoration: none; margin: 1px 0; }
.pill.ok, .pill.delivered, .pill.flagged { background: #d1fae5; color: #065f46; }
.pill.failing, .pill.failed { background: #fee2e2; color: #991b1b; }
.pill.claimed, .pill.below { background: #fef3c7; color: #92400e; }
.pill.never, .pill.empty, .pill.nomatch { background: #eef2f7; color: var(--muted); }
.pill.wl { background: #dbeafe; color: #1e40af; }
.pill.expired { background: #eef2f7; color: var(--muted); font-style: italic; }
a.runid { white-space: nowrap; font-variant-numeric: tabular-nums; }
code.runid-full, .ids code { overflow-wrap: anywhere; } .ids code { display: inline-block; margin: 0 6px 2px 0; }
dl.facts dd { min-width: 0; overflow-wrap: anywhere; } table.sent td.headline { overflow-wrap: anywhere; }
.chart { display: block; margin-bottom: 8px; overflow: visible; }
.chart .axis { stroke: #94a3b8; } .chart .grid { stroke: #e2e8f0; stroke-dasharray: 3 3; }
.chart text { font-size: 11px; fill: var(--muted); } .chart .xl { text-anchor: middle; } .chart .yl { text-anchor: end; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(300px, 100%), 1fr)); gap: 14px 24px; }
figure.mini { margin: 0; min-width: 0; } figure.mini figcaption { font-size: 12px; font-weight: 600; margin-bottom: 2px; }
figure.mini .legend { margin-top: -2px; }
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
mark.q { background: #bfdbfe; }
pre.query { background: #f1f5f9; padding: 8px 10px; border-radius: 5px; white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
.error { color: var(--bad); background: #fef2f2; border: 1px solid #fecaca; padding: 8px 10px; border-radius: 5px; }
.notice { background: #eff6ff; border: 1px solid #bfdbfe; padding: 8px 12px; border-radius: 6px; margin-bottom: 16px; }
ul.plain { padding-left: 18px; margin: 0; }
.result { border-top: 1px solid var(--line); margin-top: 12px; padding-top: 4px; }
.login form { display: flex; flex-direction: column; gap: 10px; } .login label { display: flex; flex-direction: column; gap: 4px; }
ul.hits .snippet { overflow-wrap: anywhere; }
ul.hits .matched { color: var(--fg); } ul.hits .count, ul.hits .points { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
.truncated { margin: 4px 0 0; }
.pager { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; justify-content: center; margin: 16px 0 4px; }
.pager .pages { display: flex; gap: 8px; align-items: center; }
.pager a, .pager strong { min-width: 1.6em; text-align: center; }
.tabs { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 12px; }
.tabs a { padding: 4px 10px; border-radius: 6px; background: #e2e8f0; color: var(--fg); text-decoration: none; font-size: 13px; }
.tabs a[aria-current=page] { background: var(--accent); color: #fff; }
.tabs .count { font-variant-numeric: tabular-nums; opacity: .8; }
td.actions { white-space: nowrap; text-align: right; } td.actions form.inline { margin-left: 4px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 10px; }
dl.facts dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; padding-top: 2px; }
dl.facts dd { margin: 0; }
pre.stack, pre.data { background: #f1f5f9; padding: 8px 10px; border-radius: 5px; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 480px; overflow-y: auto; }
tr.feed-failing td:first-child { box-shadow: inset 3px 0 0 var(--bad); }
.verdict { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 8px; } .verdict button { font-size: 12px; padding: 3px 10px; }
td .verdict { margin-top: 0; } form#try-verdict { display: none; }
form.verdict button.chosen { background: #1e40af; color: #fff; } form.verdict label { display: flex; gap: 4px; align-items: center; }
.pill.given { background: #dbeafe; color: #1e40af; } .pill.verdict-relevant { background: #d1fae5; color: #065f46; }
.pill.verdict-not-relevant { background: #fee2e2; color: #991b1b; } .pill.verdict-missed { background: #fef3c7; color: #92400e; }
@media (max-width: 640px) {
  header { padding: 8px 12px; gap: 6px 14px; } header nav { gap: 6px 11px; font-size: 13px; } header .zone { margin-left: 0; }
  table { font-size: 13px; } th { font-size: 10px; letter-spacing: 0; }
  main { padding: 12px 12px 24px; }
  .card { padding: 10px 12px; }
  .filters label { flex: 1 1 40%; } .filters input, .filters select { width: 100%; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.stack td { border: 0; padding: 2px 0; text-align: left; min-width: 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .03em; }
  td.actions { text-align: left; } td.actions form.inline:first-child { margin-left: 0; }
  tr.feed-failing td:first-child { box-shadow: none; }
  tr.feed-failing { box-shadow: inset 3px 0 0 var(--bad); padding-left: 8px; }
  th, td { padding: 4px 5px; }
  .chart .minor { display: none; }
}
`;

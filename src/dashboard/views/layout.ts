/** The page frame every dashboard page shares: head, navigation, the time-zone switch, main. */
import { html, type SafeHtml } from '../html.js';
import { pageHere, pageZone, serverZone } from './time.js';

const NAV: Array<[string, string]> = [
  ['/', 'Overview'], ['/items', 'Items'], ['/feeds', 'Feeds'], ['/watchlists', 'Watch-lists'], ['/digests', 'Digests'], ['/queues', 'Queues'],
];

export interface PageOptions {
  title: string;
  /** The path of the current page, to mark its link. */
  path: string;
  body: SafeHtml;
  /** Seconds between automatic reloads (app.js), for pages people leave open. */
  refresh?: number;
  /** The <h1>, when it differs from the <title>. */
  heading?: string;
}

/** Shows which zone the page's times are in, and switches between the dashboard's zone and UTC. */
function zoneSwitch(): SafeHtml {
  const zone = pageZone();
  const here = pageHere();
  if (!here) return html``; // an error page, rendered outside any page's clock
  if (serverZone() === 'UTC') return html`<span class="zone">Times in <strong id="page-zone">UTC</strong></span>`;
  const utc = zone === 'UTC';
  return html`<form class="zone" method="post" action="/prefs/time-zone"><input type="hidden" name="next" value="${here}">
<span>Times in <strong id="page-zone">${zone}</strong></span> <button type="submit" name="zone" value="${utc ? 'local' : 'utc'}" class="link">${utc ? `use ${serverZone()}` : 'use UTC'}</button></form>`;
}

export function page(opts: PageOptions): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · wirewatch</title>
<link rel="stylesheet" href="/static/style.css"><script src="/static/app.js" defer></script></head>
<body${opts.refresh ? html` data-refresh="${opts.refresh}"` : ''}>
<header><a class="brand" href="/">wirewatch</a><nav>${NAV.map(([href, label]) =>
    html`<a href="${href}"${href === opts.path ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>${zoneSwitch()}</header>
<main><h1>${opts.heading ?? opts.title}</h1>
${opts.body}</main>
<footer>wirewatch ops dashboard · <a href="/api/overview">API</a> · <a href="/metrics">metrics</a></footer>
</body></html>
`.value;
}

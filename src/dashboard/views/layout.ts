/** The page frame every dashboard page shares: head, navigation, main. */
import { html, type SafeHtml } from '../html.js';

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
}

export function page(opts: PageOptions): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · wirewatch</title>
<link rel="stylesheet" href="/static/style.css"><script src="/static/app.js" defer></script></head>
<body${opts.refresh ? html` data-refresh="${opts.refresh}"` : ''}>
<header><a class="brand" href="/">wirewatch</a><nav>${NAV.map(([href, label]) =>
    html`<a href="${href}"${href === opts.path ? html` aria-current="page"` : ''}>${label}</a>`)}</nav></header>
<main><h1>${opts.title}</h1>
${opts.body}</main>
<footer>wirewatch ops dashboard · <a href="/api/overview">API</a> · <a href="/metrics">metrics</a></footer>
</body></html>
`.value;
}

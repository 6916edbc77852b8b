/** The login page a browser sees when the dashboard wants a token. */
import { html } from '../html.js';
import { page } from './layout.js';

/** Where to go after signing in: a path on this server only (never `//host` or a URL). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && !/[\r\n]/.test(next) ? next : '/';
}

export function loginPage(error?: string, next = '/'): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · wirewatch</title><link rel="stylesheet" href="/static/style.css"></head>
<body><main class="login"><h1>wirewatch</h1>
<form method="post" action="/login"><input type="hidden" name="next" value="${safeNext(next)}"><label>Dashboard token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
<button type="submit">Sign in</button></form>${error ? html`<p class="error" role="alert">${error}</p>` : ''}
</main></body></html>
`.value;
}

/** An error inside the dashboard's frame, so the navigation is there to go on from. */
export function errorPage(status: number, message: string): string {
  const title = status === 404 ? 'Not found' : status === 403 ? 'Refused' : `Error ${status}`;
  const body = html`<section class="card" id="error"><p class="error" role="alert">${message}</p>
<p>${status === 404 ? 'The pages are in the bar above; ' : ''}<a href="/">the overview</a> shows how wirewatch is doing.</p></section>`;
  return page({ title: `${status} ${title}`, heading: title, path: '', body });
}

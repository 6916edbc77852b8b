/**
 * The "try it" box and /api/classify: text or a URL classified on the spot by the running
 * watch-lists. A URL is fetched with the config's fetch limits and address guard, as a
 * feed's link would be, so the box cannot reach addresses the pipeline may not.
 */
import { classifyItem } from '../../classify/index.js';
import { extractArticle } from '../../extract/extract-article.js';
import { fetchResource } from '../../fetch/fetch-resource.js';
import { describeError, WirewatchError } from '../../errors.js';
import type { Classification } from '../../types.js';
import type { WorkerContext } from '../../workers/context.js';
import { cutText, FIELD_LIMITS } from '../../limits.js';
import { redactSecrets } from '../../redact.js';
import { RequestError } from '../errors.js';

/** One of: `text` (first line is the title), `url`, or `title` and `body`. */
export interface ClassifyRequest {
  text?: string;
  url?: string;
  title?: string;
  body?: string;
}

export interface ClassifyResponse extends Classification {
  source: 'text' | 'url';
  title: string;
  /** The text that was classified (title excluded), for highlighting hits. */
  body: string;
  url?: string;
  /** A fetched page's text was cut at limits.classifyChars. */
  truncated?: boolean;
}

const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5';

/**
 * Text typed or posted over limits.classifyChars is refused (413): the sender can cut it.
 * A fetched page is cut to fit instead, since its length is not the sender's doing.
 */
export async function classifyRequest(ctx: WorkerContext, req: ClassifyRequest): Promise<ClassifyResponse> {
  const { classifier, config } = ctx.live.current();
  const max = config.feeds.limits.classifyChars;
  const input = fitInput(await readRequest(ctx, req, max), max);
  const result = classifyItem(classifier, { title: input.title, body: input.body });
  return { ...input, ...(input.url !== undefined ? { url: redactSecrets(input.url) } : {}), ...result };
}

type Input = Pick<ClassifyResponse, 'source' | 'title' | 'body' | 'url' | 'truncated'>;

function fitInput(input: Input, max: number): Input {
  const length = input.title.length + input.body.length;
  if (length <= max) return input;
  if (input.source === 'text') throw new RequestError(413, `text of ${length} characters is over the ${max}-character limit (limits.classifyChars)`);
  const title = cutText(input.title, Math.min(input.title.length, FIELD_LIMITS.title)).text;
  return { ...input, title, body: cutText(input.body, Math.max(0, max - title.length)).text, truncated: true };
}

async function readRequest(ctx: WorkerContext, req: ClassifyRequest, max: number): Promise<Input> {
  const url = str(req.url);
  if (url) return readUrl(ctx, url, max);
  const text = str(req.text);
  if (text) return { source: 'text', ...splitText(text) };
  const title = str(req.title) ?? '';
  const body = str(req.body) ?? '';
  if (title || body) return { source: 'text', title, body };
  throw new RequestError(400, 'nothing to classify: give text, url, or title and body');
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function splitText(text: string): { title: string; body: string } {
  const clean = text.replace(/\r\n?/g, '\n');
  const nl = clean.indexOf('\n');
  return nl === -1 ? { title: clean.trim(), body: '' } : { title: clean.slice(0, nl).trim(), body: clean.slice(nl + 1).trim() };
}

async function readUrl(ctx: WorkerContext, url: string, max: number): Promise<Input> {
  if (!/^https?:\/\//i.test(url)) throw new RequestError(400, 'url must be http: or https:');
  const { config } = ctx.live.current();
  try {
    const res = await fetchResource(url, { ...config.feeds.fetch, accept: PAGE_ACCEPT, limiter: ctx.hostLimiter });
    if (res.kind !== 'ok') throw new RequestError(502, `${url}: server answered 304 to an unconditional request`);
    const type = res.contentType ?? 'text/html';
    if (/^text\/plain/i.test(type)) return { source: 'url', url: res.url, ...splitText(res.body.toString('utf8')) };
    const article = extractArticle(res.body, { url: res.url, contentType: type, maxTextChars: max });
    return { source: 'url', url: res.url, title: article.title ?? '', body: article.text };
  } catch (err) {
    if (err instanceof RequestError) throw err;
    // Fetch and extract errors are the user's answer (a refused address, a 404), not a crash.
    if (err instanceof WirewatchError) throw new RequestError(422, describeError(err));
    throw err;
  }
}

/**
 * The pages and feeds bench/pipeline.ts reads, served from a process of their own so the
 * server's CPU is not counted as wirewatch's: `node --import tsx bench/pipeline-pages.ts FEEDS ITEMS`
 * prints its base URL on stdout and serves until killed. 20 feeds x 50 items by default; each
 * item links to a page of about 25 KB, a quarter of them about the shipped watch-lists' subjects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const FEEDS = Number(process.argv[2] ?? 20);
const PER_FEED = Number(process.argv[3] ?? 50);

const TOPICS = [
  'Islamic State fighters regrouped near Sirte in Libya, officials said, as US Africa Command flew reconnaissance missions.',
  'The Pentagon approved security assistance for Tunisia, including training for special forces units on the border with Libya.',
  'The city council voted to extend the tram line to the harbour district, with construction starting in spring.',
  'The national football team won its qualifier after a late goal, and fans celebrated in the main square.',
];

/** Words drawn per story, so that stories are distinct and clustering keeps them apart. */
function storyWords(f: number, i: number, n: number): string {
  let seed = (f * 7919 + i * 104729) >>> 0;
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out.push(`w${(seed >>> 8) % 5000}`);
  }
  return out.join(' ');
}

function page(f: number, i: number): string {
  const lead = TOPICS[(f + i) % TOPICS.length]!;
  const filler = Array.from({ length: 12 }, (_, p) => `<p>${lead} Paragraph ${p} of story ${f}-${i}: ${storyWords(f, i * 13 + p, 25)}.</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><title>Story ${f}-${i}</title></head><body>
<nav><a href="/">Home</a><a href="/world">World</a><a href="/sport">Sport</a></nav>
<article><h1>Story ${f}-${i}</h1>${filler}</article>
<aside class="related"><h3>Related posts</h3><ul><li><a href="/x">Other news</a></li></ul></aside>
<div class="comments"><h3>Leave a Reply</h3></div><footer>Copyright</footer></body></html>`;
}

function feed(base: string, f: number): string {
  const items = Array.from({ length: PER_FEED }, (_, i) => `<item><title>Story ${f}-${i}: ${TOPICS[(f + i) % TOPICS.length]!.slice(0, 60)}</title>
<link>${base}/page/${f}/${i}</link><guid isPermaLink="false">bench-${f}-${i}</guid><description>${TOPICS[(f + i) % TOPICS.length]}</description></item>`).join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench ${f}</title><link>${base}/</link>${items}</channel></rss>`;
}

let base = '';
const server = createServer((req, res) => {
  const m = /^\/(feed|page)\/(\d+)(?:\/(\d+))?/.exec(req.url ?? '');
  if (!m) return void res.writeHead(404).end();
  if (m[1] === 'feed') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(base, Number(m[2])));
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number(m[2]), Number(m[3])));
});
server.listen(0, '127.0.0.1', () => {
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write(`${base}\n`);
});
process.on('SIGTERM', () => process.exit(0));

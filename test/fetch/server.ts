/** A real HTTP server on 127.0.0.1 with the misbehaviours the fetch tests need. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

export const RSS = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>${title}</title><link>http://example.org/${encodeURIComponent(title)}</link></item></channel></rss>`;

export interface TestServer {
  server: Server;
  port: number;
  base: string;
  hits: Map<string, number>;
  state: { etag: string; flakyFailures: number; becomesJson: boolean };
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, t: TestServer) => void;

// A 64 MB run of zeros compresses to about 64 KB: the body cap must stop it.
const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));

const routes: Record<string, Handler> = {
  '/feed': (req, res, t) => {
    if (req.headers['if-none-match'] === t.state.etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: t.state.etag, 'last-modified': 'Tue, 04 Jun 2024 10:00:00 GMT' });
    res.end(RSS(`version ${t.state.etag}`));
  },
  '/ratelimited': (_req, res) => void res.writeHead(429, { 'retry-after': '7' }).end('slow down'),
  '/flaky': (_req, res, t) => {
    if (t.state.flakyFailures > 0) {
      t.state.flakyFailures -= 1;
      return void res.writeHead(503, { 'retry-after': '2' }).end('busy');
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS('recovered'));
  },
  '/loop-a': (_req, res) => void res.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_req, res) => void res.writeHead(302, { location: '/loop-a' }).end(),
  '/chain': (req, res) => {
    const n = Number(new URL(req.url!, 'http://x').searchParams.get('n') ?? 0);
    res.writeHead(302, { location: `/chain?n=${n + 1}` }).end();
  },
  '/moved': (_req, res) => void res.writeHead(301, { location: '/moved-again' }).end(),
  '/moved-again': (_req, res) => void res.writeHead(308, { location: '/feed' }).end(),
  '/temp': (_req, res) => void res.writeHead(302, { location: '/moved' }).end(),
  '/big': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    for (let i = 0; i < 40; i++) res.write(Buffer.alloc(64 * 1024, 0x20));
    res.end();
  },
  '/bomb': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb),
  '/gzip': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipSync(RSS('zipped'))),
  '/br': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'br' }).end(brotliCompressSync(RSS('brotli'))),
  '/deflate': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'deflate' }).end(deflateSync(RSS('deflated'))),
  '/drip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const timer = setInterval(() => res.write(' '), 100);
    res.on('close', () => clearInterval(timer));
  },
  '/to-private': (_req, res, t) => void res.writeHead(302, { location: `http://127.0.0.1:${t.port}/feed` }).end(),
  '/changing': (_req, res, t) => {
    if (!t.state.becomesJson) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS('still rss'));
    res.writeHead(200, { 'content-type': 'application/feed+json' });
    res.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: 'j1', url: 'http://example.org/j1', title: 'now json' }] }));
  },
  '/cyrillic': (_req, res) => {
    const xml = '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item><title>Новости дня</title></item></channel></rss>';
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1251' }).end(iconv.encode(xml, 'windows-1251'));
  },
  '/gone': (_req, res) => void res.writeHead(410).end(),
  '/slow-ok': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), 50),
};

export async function startServer(): Promise<TestServer> {
  const t = { hits: new Map<string, number>(), state: { etag: '"v1"', flakyFailures: 0, becomesJson: false } } as TestServer;
  t.server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    t.hits.set(path, (t.hits.get(path) ?? 0) + 1);
    const route = routes[path];
    if (route) route(req, res, t);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
  t.port = (t.server.address() as AddressInfo).port;
  t.base = `http://127.0.0.1:${t.port}`;
  t.close = () => new Promise((resolve) => { t.server.closeAllConnections(); t.server.close(() => resolve()); });
  return t;
}

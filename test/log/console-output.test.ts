/**
 * `wirewatch start` as an operator sees it: on a pseudo-terminal (util-linux `script`) one
 * readable line per event, a flag naming its headline and scores, a fetch error naming its
 * feed and reason, and the console channel's digest framed apart; piped, pino's JSON lines and
 * one JSON line per printed digest. Ctrl-C is a real ^C typed into the terminal.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { writeConfigDir } from '../helpers/config.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli.ts');
const TITLE = 'Libya talks resume in Geneva';
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://example.org/</link>
<item><title>${TITLE}</title><link>https://example.org/a</link><guid>a</guid><description>Talks on Libya resume in Geneva.</description></item>
<item><title>Weather mild</title><link>https://example.org/b</link><guid>b</guid></item></channel></rss>`;

let redis: Redis;
let server: TestServer;
const prefixes: string[] = [];
const running = new Set<ReturnType<typeof spawn>>();

before(async () => {
  assert.equal(spawnSync('script', ['--version']).status, 0, "the console test needs util-linux's script (Debian and Ubuntu: apt-get install bsdutils)");
  redis = testRedis();
  server = await startServer({ '/wire.xml': { headers: { 'content-type': 'application/rss+xml' }, body: FEED } });
});
after(async () => {
  // A run that failed its test is still going: end it (script's session ends with it).
  for (const child of running) child.kill('SIGKILL');
  await server.close();
  for (const p of prefixes) await deletePrefix(redis, p);
  redis.disconnect();
});

function configDir(): string {
  return writeConfigDir({
    feeds: `fetch: { allowPrivateNetworks: true }\nfeeds:\n  - { id: wire, url: '${server.url}/wire.xml', interval: 1h, fetchArticles: false }\n  - { id: broken, url: '${server.url}/missing.xml', interval: 1h }\n`,
    watchlists: `watchlists:\n  libya: { query: libya, weights: { libya: 2 } }\n`,
    digests: `channels:\n  screen: { type: console }\ndigests:\n  brief: { watchlists: [libya], schedule: '*/2 * * * * *', channels: [screen] }\n`,
  });
}

interface Run {
  output: () => string;
  /** Resolves when the output satisfies `done`, or rejects with the output after the timeout. */
  until(done: (out: string) => boolean, ms?: number): Promise<void>;
  stop(): Promise<number | null>;
}

/** Starts wirewatch, on a pseudo-terminal (`tty`) or with its output piped. */
function runStart(tty: boolean, extraArgs: string[] = [], extraEnv: Record<string, string> = {}): Run {
  const prefix = testPrefix('console');
  prefixes.push(prefix);
  const { LOG_FORMAT: _ignored, ...inherited } = process.env;
  const env = { ...inherited, REDIS_URL: TEST_REDIS_URL, WIREWATCH_PREFIX: prefix, LOG_LEVEL: 'info', DASHBOARD_PORT: '0', NO_COLOR: '', ...extraEnv };
  const argv = [process.execPath, '--import', 'tsx', CLI, 'start', '--config', configDir(), ...extraArgs];
  const child = tty
    ? spawn('script', ['-qfec', `exec ${argv.map((a) => `'${a}'`).join(' ')}`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(argv[0]!, argv.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => { running.delete(child); r(code); }));
  return {
    output: () => out,
    async until(done, ms = 40_000) {
      const deadline = Date.now() + ms;
      while (!done(plain(out))) {
        if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${out}\nstderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      // On the terminal, Ctrl-C as typed; piped, the same SIGINT a shell would send.
      if (tty) child.stdin.write('\x03');
      else child.kill('SIGINT');
      return exited;
    },
  };
}

/** Terminal output without colours, carriage returns and the echoed ^C. */
const plain = (out: string) => out.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, '').replace(/\^C/g, '');
const plainLines = (out: string) => plain(out).split('\n').filter((l) => l.trim() !== '');

test('on a terminal: one readable line per event, flags with headline and scores, digests framed apart', async () => {
  const run = runStart(true);
  await run.until((o) => /┌─ digest brief/.test(o) && /broken failed/.test(o) && /flagged/.test(o) && /└─/.test(o));
  assert.equal(await run.stop(), 0, run.output());
  const lines = plainLines(run.output());
  const logLines = lines.filter((l) => /^\d\d:\d\d:\d\d (INFO|WARN|ERROR|DEBUG) /.test(l));
  const blockLines = lines.filter((l) => /^[┌│└]/.test(l));
  const other = lines.filter((l) => !logLines.includes(l) && !blockLines.includes(l));
  assert.deepEqual(other, [], 'every line is a log line or part of a framed block');
  assert.ok(!lines.some((l) => l.startsWith('{')), 'no JSON on a terminal');
  const flag = logLines.find((l) => / flagged /.test(l));
  assert.match(flag!, /INFO  flagged “Libya talks resume in Geneva”  libya 4  \[wire\]$/, 'headline, watch-list and score');
  assert.match(logLines.find((l) => /feed broken/.test(l))!, /WARN  feed broken failed: fetch: HTTP 404/);
  assert.ok(logLines.some((l) => /INFO  feed wire polled: 2 items, 2 new$/.test(l)));
  const top = blockLines.findIndex((l) => l.startsWith('┌─ digest brief'));
  const bottom = blockLines.findIndex((l, i) => i > top && l.startsWith('└'));
  assert.ok(top >= 0 && bottom > top + 2, 'a block with a top and a bottom rule');
  assert.ok(blockLines.slice(top + 1, bottom).every((l) => l.startsWith('│')));
  assert.ok(blockLines.slice(top + 1, bottom).some((l) => /Libya talks resume/.test(l)), 'the digest names the item');
  assert.match(lines.at(-1)!, /INFO  stopped$/);
});

test('piped: pino JSON lines, and the console channel prints one JSON line per message', async () => {
  const run = runStart(false);
  await run.until((o) => /"msg":"digest printed"/.test(o) && /"msg":"feed poll failed"/.test(o));
  assert.equal(await run.stop(), 0, run.output());
  const records = run.output().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const flag = records.find((r) => r.msg === 'item flagged');
  assert.equal(flag?.title, TITLE);
  assert.deepEqual(flag?.flagged, ['libya:4']);
  const digest = records.find((r) => r.msg === 'digest printed');
  assert.equal(digest?.digest, 'brief');
  assert.equal(digest?.level, 30);
  assert.match(String(digest?.text), /Libya talks resume/);
  assert.equal(records.at(-1)?.msg, 'stopped');
});

test('--log-format json on a terminal writes JSON; LOG_FORMAT=pretty through a pipe writes readable lines without colour', async () => {
  const json = runStart(true, ['--log-format', 'json']);
  await json.until((o) => /"msg":"wirewatch running"/.test(o));
  await json.stop();
  const lines = plainLines(json.output());
  assert.ok(lines.length >= 3 && lines.every((l) => { JSON.parse(l); return true; }), json.output());
  const pretty = runStart(false, [], { LOG_FORMAT: 'pretty' });
  await pretty.until((o) => /wirewatch running: 2 feeds, 1 digest/.test(o));
  await pretty.stop();
  assert.doesNotMatch(pretty.output(), /\x1b\[/, 'no colour codes into a pipe');
  assert.match(pretty.output(), /^\d\d:\d\d:\d\d INFO  dashboard at http:\/\/127\.0\.0\.1:\d+ \(loopback only\)$/m);
});

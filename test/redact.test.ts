import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../src/log.js';
import { FetchError } from '../src/fetch/fetch-error.js';
import { describeError } from '../src/errors.js';
import { redactSecrets, redactUrl, registerSecret } from '../src/redact.js';
import { runCli } from './helpers/cli.js';
import { writeConfigDir } from './helpers/config.js';
import { startServer } from './helpers/http-server.js';

/** One URL of each kind that carries a secret, with the secret named. */
const KINDS: Array<{ kind: string; url: string; secret: string }> = [
  { kind: 'token as userinfo', url: 'https://s3cr3tTOKENvalue42@feeds.example.com/feed', secret: 's3cr3tTOKENvalue42' },
  { kind: 'user:password', url: 'https://alice:pa55wordSECRETvalue@feeds.example.com/feed', secret: 'pa55wordSECRETvalue' },
  { kind: 'access_token', url: 'https://feeds.example.com/feed?page=2&access_token=AT-abcdef123456789', secret: 'AT-abcdef123456789' },
  { kind: 'token', url: 'https://feeds.example.com/feed?token=tok_0123456789abcdef', secret: 'tok_0123456789abcdef' },
  { kind: 'api_key', url: 'https://feeds.example.com/feed?api_key=APIKEY0123456789', secret: 'APIKEY0123456789' },
  { kind: 'apikey', url: 'https://feeds.example.com/feed?apikey=APIKEYjoined0123', secret: 'APIKEYjoined0123' },
  { kind: 'key', url: 'https://feeds.example.com/feed?key=plainKEY0123456', secret: 'plainKEY0123456' },
  { kind: 'secret', url: 'https://feeds.example.com/feed?client_secret=CLIENTsecret987', secret: 'CLIENTsecret987' },
  { kind: 'password', url: 'https://feeds.example.com/feed?password=hunter2hunter2', secret: 'hunter2hunter2' },
  { kind: 'auth', url: 'https://feeds.example.com/feed?auth=AUTHvalue0123456', secret: 'AUTHvalue0123456' },
  { kind: 'sig', url: 'https://feeds.example.com/feed?sv=1.0&sig=SIGvalue0123456789', secret: 'SIGvalue0123456789' },
  { kind: 'X-Amz-Signature', url: 'https://bucket.s3.amazonaws.com/feed.xml?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE0123%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0123456789abcdef0123456789abcdef', secret: '0123456789abcdef0123456789abcdef' },
  { kind: 'X-Amz-Credential', url: 'https://bucket.s3.amazonaws.com/feed.xml?X-Amz-Credential=AKIAEXAMPLE0123%2F20260101', secret: 'AKIAEXAMPLE0123' },
  { kind: 'X-Goog-Signature', url: 'https://storage.googleapis.com/b/feed.xml?X-Goog-Signature=GOOGsig0123456789abcdef', secret: 'GOOGsig0123456789abcdef' },
  { kind: 'Slack hook', url: 'https://hooks.slack.com/services/T0001ABCD/B0002EFGH/xyzXYZ0123456789abcdEFGH', secret: 'xyzXYZ0123456789abcdEFGH' },
  { kind: 'Discord hook', url: 'https://discord.com/api/webhooks/123456789012345678/dIsCoRdToKeN-abc_DEF123456789xyz', secret: 'dIsCoRdToKeN-abc_DEF123456789xyz' },
  { kind: 'Telegram bot', url: 'https://api.telegram.org/bot123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-TY/sendMessage', secret: 'AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-TY' },
  { kind: 'Logic Apps sig', url: 'https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sig=LoGiCaPpSsIg0123456789abcdef', secret: 'LoGiCaPpSsIg0123456789abcdef' },
  { kind: 'Teams connector', url: 'https://contoso.webhook.office.com/webhookb2/1111aaaa-2222@3333bbbb/IncomingWebhook/abcdef0123456789/4444cccc', secret: 'abcdef0123456789' },
  { kind: 'generic /hooks/', url: 'https://chat.example.org/hooks/mattermostHookKey0123', secret: 'mattermostHookKey0123' },
  { kind: 'OAuth fragment', url: 'https://app.example.org/cb#access_token=FRAGtoken0123456&state=1', secret: 'FRAGtoken0123456' },
  { kind: 'smtp password', url: 'smtps://mailer:SmTpPaSsWoRd99@smtp.example.org:465', secret: 'SmTpPaSsWoRd99' },
];

test('every kind of secret URL is masked, and the rest of the URL stays as written', () => {
  for (const { kind, url, secret } of KINDS) {
    const out = redactUrl(url);
    assert.ok(!out.includes(secret), `${kind}: ${out}`);
    assert.ok(out.includes('***'), kind);
  }
  assert.equal(redactUrl('https://news.example.com/2024/06/libya-talks?id=7&utm_source=x'), 'https://news.example.com/2024/06/libya-talks?id=7&utm_source=x');
  assert.equal(redactUrl('https://u:p@h.example/a?token=t&x=1#f'), 'https://u:***@h.example/a?token=***&x=1#f');
  assert.equal(redactSecrets('GET /metrics?token=abcdef0123456789 from 10.0.0.1'), 'GET /metrics?token=*** from 10.0.0.1');
  assert.equal(redactSecrets('Authorization: Bearer abcdefghijklmnop'), 'Authorization: Bearer ***');
});

test('redacting is linear: a long line of near-URLs costs one pass', () => {
  const line = 'a.'.repeat(200_000) + '://x ' + 'http://h/?k'.repeat(20_000);
  const t0 = performance.now();
  redactSecrets(line);
  assert.ok(performance.now() - t0 < 1_000);
});

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return { stream: new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } }), text: () => chunks.join('') };
}

test('the real logger writes no secret: in messages, fields, errors, bindings and config objects', () => {
  const out = capture();
  const log = createLogger({ level: 'debug', destination: out.stream });
  const webhookSecret = 'whsec-0123456789abcdefXYZ';
  const dashboardToken = 'dash-token-0123456789ABCDEF';
  registerSecret(dashboardToken);
  for (const { url } of KINDS) {
    log.info(`fetching ${url}`);
    log.warn({ url, feedUrl: url }, 'feed poll failed');
    log.error({ err: new FetchError(`HTTP 500 from ${url}`, { url }) }, 'failed');
    log.error({ err: new Error(`library said: cannot reach ${url}`) }, 'raw error');
    log.child({ source: url }).info('child logger');
  }
  log.info({ channels: { hook: { type: 'webhook', url: 'https://example.org/hook', secret: webhookSecret }, ops: { type: 'slack', webhook: KINDS[14]!.url } } }, 'channels');
  log.info({ config: { digests: { channels: { mail: { type: 'email', smtp: 'smtp://u:SmTpInConfig0123@h' } } } } }, 'config loaded');
  log.info({ env: { DASHBOARD_TOKEN: dashboardToken } }, 'env');
  log.info({ headers: { authorization: `Bearer ${dashboardToken}`, cookie: 'ww_session=abc' } }, 'request');
  log.info(`a message quoting the token ${dashboardToken} outside any URL`);
  const text = out.text();
  assert.ok(text.split('\n').length > KINDS.length * 5, 'everything was logged');
  for (const secret of [...KINDS.map((k) => k.secret), webhookSecret, dashboardToken, 'SmTpInConfig0123']) {
    assert.ok(!text.includes(secret), `${secret} leaked: ${text.split('\n').find((l) => l.includes(secret))}`);
  }
});

test('describeError masks what a library error quotes', () => {
  assert.equal(describeError(new TypeError('fetch failed for https://x.example/?token=abcdef0123')), 'fetch failed for https://x.example/?token=***');
});

test('a failing poll prints no secret, from the command line or from the config', async () => {
  const server = await startServer({ '/feed': { status: 500, body: 'boom' }, '/bot123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-TY/getUpdates': { status: 403, body: 'no' } });
  try {
    const base = server.url.replace('http://', '');
    const urls = [
      `http://s3cr3tTOKENvalue42@${base}/feed`,
      `http://alice:pa55wordSECRETvalue@${base}/feed`,
      `${server.url}/feed?X-Amz-Signature=0123456789abcdef0123456789abcdef&X-Amz-Credential=AKIAEXAMPLE0123`,
      `${server.url}/feed?access_token=AT-abcdef123456789`,
      `${server.url}/bot123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-TY/getUpdates`,
      'http://tok_0123456789abcdef@127.0.0.1:1/feed',
    ];
    const feeds = `fetch: { allowPrivateNetworks: true }\nfeeds:\n  - { id: secret-feed, url: 'http://\${FEED_TOKEN}@${base}/feed?api_key=\${FEED_KEY}' }\n`;
    const config = writeConfigDir({ feeds });
    const env = { FEED_TOKEN: 'CONFIGtokenValue0123', FEED_KEY: 'CONFIGapiKey0123456' };
    const secrets = ['s3cr3tTOKENvalue42', 'pa55wordSECRETvalue', '0123456789abcdef0123456789abcdef', 'AKIAEXAMPLE0123', 'AT-abcdef123456789', 'AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-TY', 'tok_0123456789abcdef', ...Object.values(env)];
    for (const json of [[], ['--json']]) {
      const res = await runCli(['poll', ...urls, 'secret-feed', '--config', config, ...json], { env: { ...env, LOG_LEVEL: 'debug' } });
      assert.equal(res.code, 1);
      const output = res.stdout + res.stderr;
      assert.match(output, /HTTP 500|HTTP 403|network error/);
      for (const secret of secrets) assert.ok(!output.includes(secret), `${secret} leaked: ${output}`);
    }
  } finally {
    await server.close();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADDRESS_REFUSED, guardUrl, guardedLookup, isPublicAddress } from '../../src/fetch/address-guard.js';
import { FetchError } from '../../src/fetch/fetch-error.js';

test('non-public IPv4 and IPv6 ranges are recognized, including IPv4 inside IPv6', () => {
  for (const ip of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.251',
    '255.255.255.255', '::1', '::', 'fe80::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:a00:1', '64:ff9b::7f00:1', '2002:c0a8:101::1', '2001:db8::1']) {
    assert.equal(isPublicAddress(ip), false, ip);
  }
  for (const ip of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPublicAddress(ip), true, ip);
  assert.equal(isPublicAddress('not-an-ip'), false);
});

test('guardUrl refuses loopback names and literals unless allowed', async () => {
  const strict = { allowPrivateNetworks: false, allowHosts: [] };
  await assert.rejects(guardUrl(new URL('http://localhost/'), strict), (e: unknown) => e instanceof FetchError && e.permanent);
  await assert.rejects(guardUrl(new URL('http://[::1]/'), strict), FetchError);
  await assert.rejects(guardUrl(new URL('http://2130706433/'), strict), FetchError);
  await guardUrl(new URL('http://localhost/'), { allowPrivateNetworks: false, allowHosts: ['LOCALHOST'] });
  await guardUrl(new URL('http://10.1.1.1/'), { allowPrivateNetworks: true, allowHosts: [] });
});

test('the connect-time lookup refuses what the pre-check would, so a rebinding answer cannot connect', async () => {
  const lookup = guardedLookup({ allowPrivateNetworks: false, allowHosts: [] });
  const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => lookup('localhost', { all: true }, (e) => resolve(e)));
  assert.equal(err?.code, ADDRESS_REFUSED);
  const allowed = guardedLookup({ allowPrivateNetworks: false, allowHosts: ['localhost'] });
  const addresses = await new Promise<unknown>((resolve) => allowed('localhost', { all: true }, (_e, a) => resolve(a)));
  assert.ok(Array.isArray(addresses) && addresses.length > 0);
});

test('a socket dialled through the guarded lookup cannot reach loopback, whatever DNS said earlier', async () => {
  const { createServer } = await import('node:http');
  const { Agent, fetch } = await import('undici');
  const server = createServer((_req, res) => res.end('inside'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const strict = new Agent({ connect: { lookup: guardedLookup({ allowPrivateNetworks: false, allowHosts: [] }) as never } });
  const named = new Agent({ connect: { lookup: guardedLookup({ allowPrivateNetworks: false, allowHosts: ['localhost'] }) as never } });
  try {
    const err = await fetch(`http://localhost:${port}/`, { dispatcher: strict }).then(() => undefined, (e: unknown) => e);
    let codes: unknown[] = [];
    for (let e = err; e instanceof Error; e = e.cause) codes = [...codes, (e as { code?: string }).code];
    assert.ok(codes.includes(ADDRESS_REFUSED), 'the connection is refused by the lookup itself');
    const ok = await fetch(`http://localhost:${port}/`, { dispatcher: named });
    assert.equal(await ok.text(), 'inside');
  } finally {
    server.close();
    await strict.close();
    await named.close();
  }
});

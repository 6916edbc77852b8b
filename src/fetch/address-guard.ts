/**
 * Keeps feeds (and the article links they carry) from making wirewatch call into the
 * network it runs in: a URL whose host resolves to a loopback, private, link-local,
 * multicast, reserved or otherwise non-public address is refused, unless the config allows
 * private networks or names the host. Every resolved address must pass, not just the first,
 * and the same check runs again inside the connection (guardedLookup) so that a DNS answer
 * that changes between check and connect (rebinding) cannot slip through.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { lookup as dnsLookupCallback, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { FetchError } from './fetch-error.js';

/** Who may be reached: the config's allowPrivateNetworks and allowHosts. */
export interface AddressPolicy {
  allowPrivateNetworks: boolean;
  allowHosts: readonly string[];
}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10],
  ['fec0::', 10], ['ff00::', 8], ['::', 96],
] as const) blocked.addSubnet(net, bits, 'ipv6');

/** IPv6 address to its 16 bytes (accepts an embedded dotted IPv4 tail). */
function ipv6Bytes(ip: string): number[] {
  let text = ip.split('%')[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const p = v4[1]!.split('.').map(Number);
    text = text.slice(0, v4.index) + `${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 0xff]; });
}

/** The IPv4 address an IPv6 one carries (mapped, NAT64, 6to4), if any. */
function embeddedIpv4(ip: string): string | undefined {
  const b = ipv6Bytes(ip);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12).join('.');
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return b.slice(12).join('.');
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6).join('.');
  return undefined;
}

/** True when `ip` is an ordinary public unicast address. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return !blocked.check(ip, 'ipv4');
  if (family !== 6) return false;
  const inner = embeddedIpv4(ip);
  if (inner !== undefined) return isPublicAddress(inner);
  return !blocked.check(ip.split('%')[0]!, 'ipv6');
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

function hostAllowed(host: string, policy: AddressPolicy): boolean {
  return policy.allowPrivateNetworks || policy.allowHosts.some((h) => bareHost(h) === host);
}

function refuse(host: string, address: string): FetchError {
  return new FetchError(`address refused: ${host} resolves to ${address}, which is not a public address (allow it with fetch.allowHosts or fetch.allowPrivateNetworks)`, { permanent: true });
}

/** Throws a permanent FetchError unless every address of the URL's host is allowed. */
export async function guardUrl(url: URL, policy: AddressPolicy): Promise<void> {
  const host = bareHost(url.hostname);
  if (hostAllowed(host, policy)) return;
  if (isIP(host) !== 0) {
    if (!isPublicAddress(host)) throw refuse(host, host);
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await dnsLookup(host, { all: true, verbatim: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new FetchError(`cannot resolve ${host} (${code ?? 'DNS error'})`, { permanent: code === 'ENOTFOUND', cause: err });
  }
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  if (bad !== undefined) throw refuse(host, bad.address);
}

/** Marks the error the connect-time lookup raises, to tell it from other socket errors. */
export const ADDRESS_REFUSED = 'WW_ADDRESS_REFUSED';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup replacement for the socket: resolves, refuses any non-public answer, and
 * hands the socket exactly the addresses it checked.
 */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: LookupAllOptions | number | object, callback: LookupCallback): void => {
    const opts = typeof options === 'object' ? options : {};
    dnsLookupCallback(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const host = bareHost(hostname);
      const bad = hostAllowed(host, policy) ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (bad !== undefined) {
        const refused: NodeJS.ErrnoException = refuse(host, bad.address);
        refused.code = ADDRESS_REFUSED;
        return callback(refused, '');
      }
      if ((opts as LookupAllOptions).all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

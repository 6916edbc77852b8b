/**
 * Redis connections as wirewatch needs them, and the check that a server answers. REDIS_URL
 * is a plain `redis://` or `rediss://` URL, or names Redis Sentinels and the master's name:
 *   redis+sentinel://[:password@]host1:26379,host2:26379/mymaster[?db=N&sentinelPassword=...]
 * The password before `@` is the master's (and its replicas'); `sentinelPassword` (and
 * `sentinelUsername`) the sentinels' own when they ask for one; `db` the database number.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { RedisUnavailableError } from '../errors.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const SENTINEL_URL = /^redis\+sentinel:\/\/(?:([^@/?#]*)@)?([^/?#]+)\/([^/?#]+)\/?(?:\?([^#]*))?$/;

/** A REDIS_URL that names sentinels could not be read. */
export class RedisUrlError extends RedisUnavailableError {}

/** Connection options for a REDIS_URL: the URL as is, or sentinels and a master name. */
export function redisTarget(url: string): { url?: string; options: RedisOptions } {
  if (!url.startsWith('redis+sentinel:')) return { url, options: {} };
  const m = SENTINEL_URL.exec(url);
  if (!m) throw new RedisUrlError(`cannot read ${redactUrl(url)}: expected redis+sentinel://[:password@]host:port,host:port/mastername[?db=N&sentinelPassword=...]`);
  const [, userinfo, hosts, name, query] = m;
  const sentinels = hosts!.split(',').map((h) => {
    const hp = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(h.trim());
    if (!hp || !hp[1]) throw new RedisUrlError(`cannot read sentinel address "${h}" in ${redactUrl(url)}`);
    return { host: hp[1], port: hp[2] ? Number(hp[2]) : 26379 };
  });
  const params = new URLSearchParams(query ?? '');
  // No failoverDetector: when its +switch-master message lands while the client is resolving
  // the master again, ioredis ends the client for good ("Connection is closed."; met in the
  // failover test under load). A killed primary drops the connections anyway, and a switch made
  // by hand shows as READONLY from the old primary: then reconnect (through the sentinels) and
  // send the command again.
  const options: RedisOptions = { sentinels, name: decodeURIComponent(name!), reconnectOnError: (err) => (/READONLY/.test(err.message) ? 2 : false) };
  if (userinfo) {
    const colon = userinfo.indexOf(':');
    const user = colon < 0 ? '' : decodeURIComponent(userinfo.slice(0, colon));
    const password = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(colon + 1));
    if (user) options.username = user;
    if (password) options.password = password;
  }
  const db = params.get('db');
  if (db !== null) {
    if (!/^\d+$/.test(db)) throw new RedisUrlError(`db must be a number in ${redactUrl(url)}`);
    options.db = Number(db);
  }
  if (params.get('sentinelPassword')) options.sentinelPassword = params.get('sentinelPassword')!;
  if (params.get('sentinelUsername')) options.sentinelUsername = params.get('sentinelUsername')!;
  return { options };
}

function newRedis(url: string, options: RedisOptions): Redis {
  const target = redisTarget(url);
  const merged = { ...target.options, ...options };
  return target.url ? new Redis(target.url, merged) : new Redis(merged);
}

/** A connection BullMQ workers accept (maxRetriesPerRequest must be null for them). */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  return newRedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
}

/** Resolves when a PING at `url` answers within `timeoutMs`; throws RedisUnavailableError otherwise. */
export async function pingRedis(url: string, timeoutMs = 2_000): Promise<void> {
  const redis = newRedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => {}); // the failure is reported by the rejected connect below
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new RedisUnavailableError(`no Redis answers at ${redactUrl(url)} (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    redis.disconnect();
  }
}

/** The URL without its passwords, for messages. */
export function redactUrl(url: string): string {
  if (url.startsWith('redis+sentinel:')) {
    return url.replace(/^(redis\+sentinel:\/\/)[^@/?#]*@/, '$1***@').replace(/([?&]sentinelPassword=)[^&#]*/g, '$1***');
  }
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

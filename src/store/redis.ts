/** Redis connections as wirewatch needs them, and the check that a server answers. */
import { Redis, type RedisOptions } from 'ioredis';
import { RedisUnavailableError } from '../errors.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** A connection BullMQ workers accept (maxRetriesPerRequest must be null for them). */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
}

/** Resolves when a PING at `url` answers within `timeoutMs`; throws RedisUnavailableError otherwise. */
export async function pingRedis(url: string, timeoutMs = 2_000): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
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

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

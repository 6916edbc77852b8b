/**
 * Finds the Redis a command should use: REDIS_URL when set; else the default address when
 * something answers there; else, for commands allowed to, an embedded redis-server. A worker
 * or scheduler may instead wait for Redis to come up (started before it, as in a deployment).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisUnavailableError } from '../errors.js';
import { hasRedisServer, startEmbeddedRedis, type EmbeddedRedis } from '../store/embedded-redis.js';
import { DEFAULT_REDIS_URL, pingRedis, redactUrl, RedisUrlError } from '../store/redis.js';

export interface ResolvedRedis {
  url: string;
  embedded?: EmbeddedRedis;
}

const HOW_TO_GET_REDIS =
  'install it (apt-get install redis-server, or brew install redis), run one (docker run -d -p 127.0.0.1:6379:6379 redis:7-alpine), or set REDIS_URL; `docker compose up` runs wirewatch with a Redis of its own';

export interface ResolveOptions {
  allowEmbedded: boolean;
  say?: (line: string) => void;
  /** Wait (saying so once) until Redis answers, until this signal aborts; resolves undefined then. */
  waitUntil?: AbortSignal;
  /** Between two tries while waiting. Default 2 s. */
  retryMs?: number;
}

export async function resolveRedis(env: NodeJS.ProcessEnv, options: ResolveOptions & { waitUntil: AbortSignal }): Promise<ResolvedRedis | undefined>;
export async function resolveRedis(env: NodeJS.ProcessEnv, options: ResolveOptions): Promise<ResolvedRedis>;
export async function resolveRedis(env: NodeJS.ProcessEnv, options: ResolveOptions): Promise<ResolvedRedis | undefined> {
  const url = env.REDIS_URL || DEFAULT_REDIS_URL;
  try {
    await pingRedis(url);
    return { url };
  } catch (err) {
    if (err instanceof RedisUrlError) throw err; // waiting cannot fix a URL
    const why = err instanceof Error ? err.message.replace(/^redis: /, '') : String(err);
    if (options.waitUntil) return waitForRedis(url, why, options);
    if (env.REDIS_URL || !options.allowEmbedded || !hasRedisServer()) throw new RedisUnavailableError(`${why}; ${HOW_TO_GET_REDIS}`);
  }
  const embedded = await startEmbeddedRedis({ dataDir: env.WIREWATCH_DATA_DIR ?? './data' });
  options.say?.(`wirewatch: no Redis at ${redactUrl(url)}, so started redis-server on 127.0.0.1:6379 (data in ${embedded.dataDir}, AOF on); it stops when wirewatch stops`);
  return { url: embedded.url, embedded };
}

/** Tries again every few seconds, having said once what it waits for. */
async function waitForRedis(url: string, why: string, options: ResolveOptions): Promise<ResolvedRedis | undefined> {
  const signal = options.waitUntil!;
  const retryMs = options.retryMs ?? 2_000;
  options.say?.(`wirewatch: ${why}; waiting for Redis (trying again every ${retryMs / 1000} s; Ctrl-C to give up)`);
  const started = Date.now();
  while (!signal.aborted) {
    await sleep(retryMs, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return undefined;
    try {
      await pingRedis(url);
      options.say?.(`wirewatch: Redis at ${redactUrl(url)} answers after ${Math.round((Date.now() - started) / 1000)} s; starting`);
      return { url };
    } catch {
      // still down; said so already
    }
  }
  return undefined;
}

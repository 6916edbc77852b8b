/**
 * Finds the Redis a command should use: REDIS_URL when set; else the default address when
 * something answers there; else, for commands allowed to, an embedded redis-server.
 */
import { RedisUnavailableError } from '../errors.js';
import { hasRedisServer, startEmbeddedRedis, type EmbeddedRedis } from '../store/embedded-redis.js';
import { DEFAULT_REDIS_URL, pingRedis, redactUrl } from '../store/redis.js';

export interface ResolvedRedis {
  url: string;
  embedded?: EmbeddedRedis;
}

const HOW_TO_GET_REDIS =
  'install it (apt-get install redis-server, or brew install redis) or run `docker compose up -d redis`, or set REDIS_URL';

export async function resolveRedis(env: NodeJS.ProcessEnv, options: { allowEmbedded: boolean; say?: (line: string) => void }): Promise<ResolvedRedis> {
  const url = env.REDIS_URL || DEFAULT_REDIS_URL;
  try {
    await pingRedis(url);
    return { url };
  } catch (err) {
    if (env.REDIS_URL || !options.allowEmbedded || !hasRedisServer()) {
      const why = err instanceof Error ? err.message.replace(/^redis: /, '') : String(err);
      throw new RedisUnavailableError(`${why}; ${HOW_TO_GET_REDIS}`);
    }
  }
  const embedded = await startEmbeddedRedis({ dataDir: env.WIREWATCH_DATA_DIR ?? './data' });
  options.say?.(`wirewatch: no Redis at ${redactUrl(url)}, so started redis-server on 127.0.0.1:6379 (data in ${embedded.dataDir}, AOF on); it stops when wirewatch stops`);
  return { url: embedded.url, embedded };
}

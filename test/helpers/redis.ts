/**
 * Each test file gets its own key prefix on the local Redis (REDIS_URL or 127.0.0.1:6379),
 * so files running side by side never see each other's data. `cleanup` deletes the prefix.
 */
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Store } from '../../src/store/store.js';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testPrefix(name: string): string {
  return `wwtest-${name}-${randomBytes(4).toString('hex')}`;
}

export function testRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** Deletes every key under the prefix (BullMQ's included). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  const store = new Store(redis, { prefix });
  await store.purge();
  await store.close();
}

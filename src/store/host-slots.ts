/**
 * Per-host politeness shared by every process of a deployment: a semaphore per host (a zset
 * of holder tokens scored by when each lease lapses, so a holder that dies frees its slot on
 * its own) and a gap key that lives `perHostGap` after each request starts. One Lua script
 * checks both and takes both, on Redis's clock, so processes with skewed clocks agree.
 */
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

// KEYS: slots zset, gap key. ARGV: token, concurrency, gap ms, lease ms.
// Returns {1, 0, ''} when taken, else {0, ms to wait at least, what holds it back}.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.max(1, tonumber(first[2]) - now), 'concurrency'}
end
local gap = tonumber(ARGV[3])
if gap > 0 then
  local left = redis.call('PTTL', KEYS[2])
  if left > 0 then return {0, left, 'gap'} end
  redis.call('SET', KEYS[2], '1', 'PX', gap)
end
local lease = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease * 2)
return {1, 0, ''}
`;

export interface SlotAnswer {
  ok: boolean;
  /** When refused: the least time before it can be had. */
  waitMs: number;
  /** When refused: what holds it back. */
  reason?: 'concurrency' | 'gap';
}

export class HostSlots {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Takes one of the host's slots for `leaseMs` if one is free and the gap has passed. */
  async tryAcquire(host: string, token: string, limits: { concurrency: number; gapMs: number }, leaseMs: number): Promise<SlotAnswer> {
    const [ok, waitMs, reason] = (await this.redis.eval(
      ACQUIRE, 2, this.keys.hostSlots(host), this.keys.hostGap(host), token, String(limits.concurrency), String(limits.gapMs), String(Math.ceil(leaseMs)),
    )) as [number, number, string];
    return ok === 1 ? { ok: true, waitMs: 0 } : { ok: false, waitMs: Number(waitMs), reason: reason === 'gap' ? 'gap' : 'concurrency' };
  }

  async release(host: string, token: string): Promise<void> {
    await this.redis.zrem(this.keys.hostSlots(host), token);
  }
}

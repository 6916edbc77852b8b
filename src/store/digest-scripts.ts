/**
 * The Lua scripts behind digest runs. Each runs atomically in Redis, so two processes can
 * never both claim one pending entry, and a process that lost a run's lease can never record
 * anything for it: every write a run owner makes first checks that the lease still holds its
 * token.
 */

/** Shared by the guarded scripts: KEYS[1] is the lease, ARGV[1] the owner's token. */
const GUARD = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end\n`;

/**
 * Drops the run from the open set once no channel of it is claimed any more.
 * Expects locals `run` (hash key), `open` (zset key) and `runId`.
 */
const CLOSE_IF_DONE = `
local still = false
local fields = redis.call('HGETALL', run)
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 7) == 'status:' and fields[i + 1] == 'claimed' then still = true end
end
if not still then redis.call('ZREM', open, runId) end
`;

/**
 * Records what a channel took: each sent entry in the run's sent set (expiring with the run),
 * its item in the digest's delivered set. Expects locals `run`, `now`, `ttl`, `sent` (a list of
 * {member, score}), `sentKey` and `deliveredKey`; leaves `taken`, the item keys recorded.
 */
const RECORD_SENT = `
local taken = {}
for _, s in ipairs(sent) do
  redis.call('ZADD', sentKey, s[2], s[1])
  local key = string.match(s[1], '|(.*)$')
  if not taken[key] then
    taken[key] = true
    redis.call('ZADD', deliveredKey, now, key)
  end
end
if #sent > 0 then
  local left = redis.call('PTTL', run)
  if left > 0 then redis.call('PEXPIRE', sentKey, left) else redis.call('EXPIRE', sentKey, ttl) end
end
redis.call('ZREMRANGEBYSCORE', deliveredKey, '-inf', now - ttl * 1000)
if redis.call('EXISTS', deliveredKey) == 1 then redis.call('EXPIRE', deliveredKey, ttl) end
`;

/**
 * KEYS: run hash, runs zset, open zset, then per channel: pending set, run members, delivered zset.
 * ARGV: digest, run id, scheduledFor ISO, scheduledFor ms, now ISO, now ms, ttl s, channel names...
 * Claims, in one step, every channel of the run that has no status yet: its pending entries not
 * yet delivered move into the run. A new run with nothing to claim is not created (returns 0),
 * so two runs started at once make one run, and a schedule that fires every minute leaves no
 * empty record a minute.
 */
export const CLAIM_RUN = `
local run, open, runId = KEYS[1], KEYS[3], ARGV[2]
local ttl = tonumber(ARGV[7])
local exists = redis.call('EXISTS', run) == 1
local counts, order, total = {}, {}, 0
for i = 8, #ARGV do
  local ch = ARGV[i]
  local base = 3 * (i - 7) + 1
  if not exists or redis.call('HEXISTS', run, 'status:' .. ch) == 0 then
    local n, items = 0, {}
    for _, m in ipairs(redis.call('SMEMBERS', KEYS[base])) do
      local key = string.match(m, '|(.*)$')
      if redis.call('ZSCORE', KEYS[base + 2], key) == false then
        redis.call('SADD', KEYS[base + 1], m)
        -- Items, not entries: a story two watch-lists matched is one item.
        if not items[key] then n = n + 1 end
        items[key] = true
      end
    end
    redis.call('DEL', KEYS[base])
    if n > 0 then redis.call('EXPIRE', KEYS[base + 1], ttl) end
    counts[ch] = n
    order[#order + 1] = ch
    total = total + n
  end
end
if not exists and total == 0 then return 0 end
if not exists then
  redis.call('HSET', run, 'digest', ARGV[1], 'scheduledFor', ARGV[3], 'createdAt', ARGV[5])
  redis.call('EXPIRE', run, ttl)
  redis.call('ZADD', KEYS[2], 'NX', ARGV[4], runId)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[6]) - ttl * 1000)
  redis.call('EXPIRE', KEYS[2], ttl)
end
-- In the digest's channel order (pairs() has none); readers sort by the config's order anyway,
-- since a hash keeps insertion order only while it stays small.
for _, ch in ipairs(order) do
  local n = counts[ch]
  redis.call('HSET', run, 'status:' .. ch, n > 0 and 'claimed' or 'empty', 'claimed:' .. ch, n, 'items:' .. ch, 0, 'attempts:' .. ch, 0)
end
if total > 0 then redis.call('ZADD', open, 'NX', ARGV[6], runId) end
return 1
`;

/**
 * KEYS: lease, run hash, delivered zset, pending set, run members, open zset, run's sent zset.
 * ARGV: token, channel, now ms, now ISO, ttl s, run id, report JSON,
 * lists JSON {settled: item keys, requeue: members, sent: [member, score] pairs}.
 * The channel confirmed: what it took is recorded as sent, its items (and those the digest will
 * never send) are delivered for this digest, entries held back go back to pending, and the
 * channel of the run is closed.
 */
export const MARK_DELIVERED = GUARD + `
local run, open, runId = KEYS[2], KEYS[6], ARGV[6]
local now, ttl = tonumber(ARGV[3]), tonumber(ARGV[5])
local lists = cjson.decode(ARGV[8])
local sent, sentKey, deliveredKey = lists.sent, KEYS[7], KEYS[3]
for _, key in ipairs(lists.settled) do redis.call('ZADD', KEYS[3], now, key) end
` + RECORD_SENT + `
if #lists.requeue > 0 then
  for _, m in ipairs(lists.requeue) do redis.call('SADD', KEYS[4], m) end
  redis.call('EXPIRE', KEYS[4], ttl)
end
local ch = ARGV[2]
local report = cjson.decode(ARGV[7])
redis.call('HSET', run, 'status:' .. ch, 'delivered', 'deliveredAt:' .. ch, ARGV[4], 'items:' .. ch, report.items,
  'entries:' .. ch, report.entries, 'heldBack:' .. ch, report.heldBack, 'skipped:' .. ch, report.skipped,
  'messages:' .. ch, report.messages, 'detail:' .. ch, report.detail)
redis.call('HDEL', run, 'error:' .. ch)
redis.call('DEL', KEYS[5])
` + CLOSE_IF_DONE + `
return 1
`;

/**
 * KEYS: lease, run hash, open zset. ARGV: token, channel, error, parts accepted, resume-after ms, run id,
 * signature of what those parts carried.
 * One failed attempt of a channel still claimed: counted, with the messages of the delivery
 * accepted so far, counted from its first message (the retry resumes after them; a try that
 * failed earlier than a previous one never lowers it); the run may be resumed by another
 * process after the given time. Returns the failed attempts (0 when the channel is no longer
 * claimed: its record went through).
 */
export const RECORD_FAILURE = GUARD + `
local ch = ARGV[2]
if redis.call('HGET', KEYS[2], 'status:' .. ch) ~= 'claimed' then return 0 end
local attempts = redis.call('HINCRBY', KEYS[2], 'attempts:' .. ch, 1)
redis.call('HSET', KEYS[2], 'error:' .. ch, ARGV[3])
if tonumber(ARGV[4]) > tonumber(redis.call('HGET', KEYS[2], 'parts:' .. ch) or '0') then
  redis.call('HSET', KEYS[2], 'parts:' .. ch, ARGV[4], 'partsig:' .. ch, ARGV[7])
end
redis.call('ZADD', KEYS[3], 'XX', ARGV[5], ARGV[6])
return attempts
`;

/**
 * KEYS: lease, run hash, pending set, run members, open zset, delivered zset, run's sent zset.
 * ARGV: token, channel, error, ttl s, run id, now ms, sent JSON ([member, score] pairs).
 * The run gives up on a channel still claimed. The entries of the messages the channel
 * accepted are recorded as sent and their items as delivered; every other entry goes back to
 * pending for the next run.
 */
export const RELEASE_CHANNEL = GUARD + `
local run, open, runId, ch = KEYS[2], KEYS[5], ARGV[5], ARGV[2]
if redis.call('HGET', run, 'status:' .. ch) ~= 'claimed' then return 0 end
local now, ttl = tonumber(ARGV[6]), tonumber(ARGV[4])
local sent, sentKey, deliveredKey = cjson.decode(ARGV[7]), KEYS[7], KEYS[6]
` + RECORD_SENT + `
local items, returned, back = 0, 0, {}
for _ in pairs(taken) do items = items + 1 end
for _, m in ipairs(redis.call('SMEMBERS', KEYS[4])) do
  local key = string.match(m, '|(.*)$')
  if not taken[key] then
    redis.call('SADD', KEYS[3], m)
    if not back[key] then returned = returned + 1 end
    back[key] = true
  end
end
if returned > 0 then redis.call('EXPIRE', KEYS[3], ttl) end
redis.call('DEL', KEYS[4])
redis.call('HSET', run, 'status:' .. ch, 'failed', 'error:' .. ch, ARGV[3], 'items:' .. ch, items, 'returned:' .. ch, returned)
` + CLOSE_IF_DONE + `
return 1
`;

/**
 * KEYS: lease, run hash. ARGV: token, channel. What the accepted messages carried no longer
 * matches the rebuilt delivery: it starts again from its first message under the next
 * revision (a new delivery id). Returns the revision.
 */
export const RESTART_CHANNEL = GUARD + `
local ch = ARGV[2]
redis.call('HSET', KEYS[2], 'parts:' .. ch, 0)
redis.call('HDEL', KEYS[2], 'partsig:' .. ch)
return redis.call('HINCRBY', KEYS[2], 'revision:' .. ch, 1)
`;

/** KEYS: lease, open zset. ARGV: token, resume-after ms, run id. When another process may take the run over. */
export const DEFER_RUN = GUARD + `
redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[3])
return 1
`;

/** KEYS: lease. ARGV: token, ms. Extends the lease if this owner still holds it; 0 when it was lost. */
export const RENEW_LEASE = GUARD + `
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** KEYS: lease. ARGV: token. Lets the run go, if this owner still holds it. */
export const DROP_LEASE = GUARD + `
redis.call('DEL', KEYS[1])
return 1
`;

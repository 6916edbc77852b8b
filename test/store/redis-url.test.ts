import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrl, redisTarget, RedisUrlError } from '../../src/store/redis.js';

test('REDIS_URL may name sentinels and a master: hosts, master name, password, db and the sentinels\' own password', () => {
  assert.deepEqual(redisTarget('redis://127.0.0.1:6379/2'), { url: 'redis://127.0.0.1:6379/2', options: {} });
  const { reconnectOnError, ...plain } = redisTarget('redis+sentinel://h1:26379,h2:26380/mymaster').options;
  assert.deepEqual(plain, { sentinels: [{ host: 'h1', port: 26379 }, { host: 'h2', port: 26380 }], name: 'mymaster' });
  assert.equal(reconnectOnError!(new Error("READONLY You can't write against a read only replica.")), 2, 'a switch made by hand: reconnect and resend');
  assert.equal(reconnectOnError!(new Error('ERR wrong number of arguments')), false);
  const { reconnectOnError: _, ...full } = redisTarget('redis+sentinel://:s%40cret@h1,[::1]:26380/main?db=3&sentinelPassword=watch&sentinelUsername=sen').options;
  assert.deepEqual(full, {
    sentinels: [{ host: 'h1', port: 26379 }, { host: '::1', port: 26380 }], name: 'main',
    password: 's@cret', db: 3, sentinelPassword: 'watch', sentinelUsername: 'sen',
  });
  assert.equal(redisTarget('redis+sentinel://app:pw@h1:26379/m').options.username, 'app');
  for (const bad of ['redis+sentinel://h1:26379', 'redis+sentinel://h1:26379/m?db=x']) {
    assert.throws(() => redisTarget(bad), (err: unknown) => err instanceof RedisUrlError && /^redis: /.test((err as Error).message), bad);
  }
});

test('passwords never reach messages, sentinel URLs included', () => {
  assert.equal(redactUrl('redis+sentinel://:s3cret@h1:26379,h2:26379/m?db=1&sentinelPassword=w4tch'), 'redis+sentinel://***@h1:26379,h2:26379/m?db=1&sentinelPassword=***');
  assert.equal(redactUrl('redis://user:s3cret@h:6379'), 'redis://user:***@h:6379');
  assert.doesNotMatch(redactUrl('redis://:s3cret@h,x:6379'), /s3cret/);
});

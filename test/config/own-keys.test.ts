import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors.js';
import { alertByName, channelByName, digestByName, feedById, own, watchlistById } from '../../src/config/lookup.js';
import { interpolateString } from '../../src/config/yaml-source.js';
import { makeConfig } from '../helpers/config.js';

const FILES = {
  feeds: 'feeds:\n  - { id: constructor, url: "https://e.example/feed" }\n',
  watchlists: 'watchlists:\n  toString: { query: libya }\n',
  digests: 'channels:\n  valueOf: { type: console }\ndigests:\n  constructor: { watchlists: [toString], schedule: "0 7 * * *", channels: [valueOf] }\nalerts:\n  hasOwnProperty: { watchlists: [toString], channels: [valueOf] }\n',
};

test('names that Object.prototype also has are ordinary names when configured', () => {
  const config = makeConfig(FILES);
  assert.equal(digestByName(config, 'constructor')?.channels[0], 'valueOf');
  assert.equal(watchlistById(config, 'toString')?.query, 'libya');
  assert.equal(channelByName(config, 'valueOf')?.type, 'console');
  assert.deepEqual(alertByName(config, 'hasOwnProperty')?.watchlists, ['toString']);
  assert.equal(feedById(config, 'constructor')?.url, 'https://e.example/feed');
});

test('and unknown names when not: no lookup finds an inherited member', () => {
  const config = makeConfig({});
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    assert.equal(digestByName(config, name), undefined, name);
    assert.equal(watchlistById(config, name), undefined, name);
    assert.equal(channelByName(config, name), undefined, name);
    assert.equal(alertByName(config, name), undefined, name);
    // The records have no prototype, so code that indexes them directly is safe as well.
    assert.equal((config.digests.digests as Record<string, unknown>)[name], undefined, name);
    assert.equal((config.watchlists.entities as Record<string, unknown>)[name], undefined, name);
  }
  assert.equal(own({ a: 1 }, 'toString'), undefined);
});

test('a "__proto__" key is refused where it is written', () => {
  assert.throws(() => makeConfig({ watchlists: 'entities:\n  __proto__: { aliases: [x] }\nwatchlists: {}\n' }), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /watchlists\.yaml:2:3: "__proto__" cannot be a name/);
    return true;
  });
});

test('${constructor} and ${__proto__} are unset variables, not Object members', () => {
  const missing: string[] = [];
  assert.equal(interpolateString('a${constructor}b${__proto__}c${toString:-d}', {}, (n) => missing.push(n)), 'abcd');
  assert.deepEqual(missing, ['constructor', '__proto__']);
});

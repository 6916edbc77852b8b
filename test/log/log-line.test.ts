import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameBlock, printConsoleMessages } from '../../src/console-block.js';
import { createLogger, outputFormat } from '../../src/log.js';
import { formatLogLine } from '../../src/log-line.js';
import { PrettyDestination } from '../../src/log-stream.js';
import { clean, makeStyle } from '../../src/log-text.js';

const plain = makeStyle(false);
const at = new Date(2026, 10, 21, 7, 3, 9).toISOString(); // 07:03:09 local time

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => { chunks.push(s); return true; } } };
}

test('a flag reads as its headline and its watch-lists with scores, in local time', () => {
  const line = formatLogLine({ level: 30, time: at, msg: 'item flagged', feedId: 'bbc', itemKey: 'u1', jobId: 'u1', title: 'Howard unveils election platform', flagged: ['election:18', 'au-politics:7'] }, plain);
  assert.equal(line, '07:03:09 INFO  flagged “Howard unveils election platform”  election 18, au-politics 7  [bbc]');
});

test('a fetch error names the feed and the reason; a failed job its queue, attempt and error', () => {
  const line = formatLogLine({ level: 40, time: at, msg: 'feed poll failed', feedId: 'wire', err: 'fetch: HTTP 503', consecutiveErrors: 3, nextAttempt: new Date(2026, 10, 21, 7, 13).toISOString() }, plain);
  assert.equal(line, '07:03:09 WARN  feed wire failed: fetch: HTTP 503 (3 in a row; next try 07:13)');
  const job = formatLogLine({ level: 40, time: at, msg: 'job failed', queue: 'send-digest', jobId: '12', attempts: 2, err: 'notify: slack HTTP 500' }, plain);
  assert.equal(job, '07:03:09 WARN  job failed: send-digest #12 (attempt 2): notify: slack HTTP 500');
});

test('any other event is its message and fields: known fields first, empty ones left out, the error last', () => {
  const line = formatLogLine({ level: 30, time: at, msg: 'schedules synced', added: ['a', 'b'], updated: [], unchanged: 0, queue: 'poll-feed', feedId: 'f', err: { message: 'boom' } }, plain);
  assert.equal(line, '07:03:09 INFO  schedules synced  feedId=f  queue=poll-feed  added=a,b  unchanged=0  error: boom');
  assert.equal(formatLogLine({ level: 20, time: at, msg: 'x', note: 'two words' }, plain), '07:03:09 DEBUG x  note="two words"');
});

test('a phrasing whose fields are missing falls back to the generic line', () => {
  assert.equal(formatLogLine({ level: 30, time: at, msg: 'item flagged', feedId: 'f' }, plain), '07:03:09 INFO  item flagged  feedId=f');
});

test('text from feeds cannot reach the terminal as control codes', () => {
  assert.equal(clean('a\x1b[2Jb\u202eevil\r\nc\u0085d'), 'a [2Jb evil c d');
  assert.equal(clean('x'.repeat(300), 10), 'xxxxxxxxx…');
  const line = formatLogLine({ level: 30, time: at, msg: 'item flagged', title: 'Bad\x1b]0;owned\x07title', flagged: ['w:1'] }, plain);
  assert.doesNotMatch(line, /[\x00-\x1f]/);
});

test('the pretty destination formats whole lines, waits for the end of a split one, and passes other text on', () => {
  const { chunks, stream } = sink(false);
  const dest = new PrettyDestination(stream, { color: false });
  dest.write(`{"level":30,"time":"${at}","msg":"feed polled","feedId":"w","items":3,"new":1}\n{"level":50,"ti`);
  assert.deepEqual(chunks, ['07:03:09 INFO  feed w polled: 3 items, 1 new\n']);
  dest.write(`me":"${at}","msg":"worker error","queue":"q","err":"gone"}\nnot json\n`);
  assert.deepEqual(chunks.slice(1), ['07:03:09 ERROR worker error  queue=q  error: gone\n', 'not json\n']);
});

test('createLogger: readable lines on a terminal (coloured unless NO_COLOR), JSON elsewhere or when asked', () => {
  const tty = sink(true);
  createLogger({ destination: tty.stream, env: {} }).info({ feedId: 'w', items: 1, new: 0 }, 'feed polled');
  assert.match(tty.chunks.join(''), /^\x1b\[2m\d\d:\d\d:\d\d\x1b\[22m \x1b\[36mINFO \x1b\[39m feed \x1b\[1mw\x1b\[22m polled: 1 item, 0 new\n$/);
  const noColor = sink(true);
  createLogger({ destination: noColor.stream, env: { NO_COLOR: '1' } }).warn('careful');
  assert.match(noColor.chunks.join(''), /^\d\d:\d\d:\d\d WARN  careful\n$/);
  const asked = sink(true);
  createLogger({ destination: asked.stream, env: { LOG_FORMAT: 'json' } }).info({ feedId: 'w' }, 'hello');
  assert.deepEqual(JSON.parse(asked.chunks.join('')), { level: 30, time: JSON.parse(asked.chunks.join('')).time, name: 'wirewatch', feedId: 'w', msg: 'hello' });
  assert.equal(outputFormat({ write: () => true }, {}), 'json');
  assert.equal(outputFormat({ write: () => true }, { LOG_FORMAT: 'Pretty' }), 'pretty');
  assert.equal(outputFormat({ write: () => true, isTTY: true }, { LOG_FORMAT: 'bogus' }), 'pretty');
});

test('a framed block: heading in the top rule, every line behind a bar, a closing rule', () => {
  const block = frameBlock('digest brief', 'brief\n\n1. Story\x1b[31m red\n', 40, false);
  assert.equal(block, [
    '┌─ digest brief ' + '─'.repeat(24),
    '│ brief',
    '│',
    '│ 1. Story [31m red',
    '└' + '─'.repeat(39),
  ].join('\n') + '\n');
});

test('the console channel frames each message on a terminal and writes one JSON line each elsewhere', () => {
  const tty = sink(true);
  printConsoleMessages(tty.stream, { kind: 'digest', name: 'brief', id: 'r1' }, ['one\n', 'two\n'], { NO_COLOR: '1' });
  assert.equal(tty.chunks.length, 2);
  assert.match(tty.chunks[0]!, /^┌─ digest brief \(1\/2\) ─+\n│ one\n└─+\n$/);
  const pipe = sink(false);
  printConsoleMessages(pipe.stream, { kind: 'alert', name: 'flash', id: 'a1' }, ['alert text\n'], {});
  const rec = JSON.parse(pipe.chunks[0]!);
  assert.deepEqual({ ...rec, time: undefined }, { level: 30, time: undefined, name: 'wirewatch', msg: 'alert printed', kind: 'alert', alert: 'flash', id: 'a1', part: 1, parts: 1, text: 'alert text\n' });
  const forced = sink(false);
  printConsoleMessages(forced.stream, { kind: 'digest', name: 'b', id: 'r' }, ['x'], { LOG_FORMAT: 'pretty' });
  assert.match(forced.chunks[0]!, /^┌─ digest b/);
});

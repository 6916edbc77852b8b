import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAlert, buildFoldedAlert } from '../../src/digest/build-alert.js';
import { RENDER_FORMATS } from '../../src/digest/render-document.js';
import { renderAlert } from '../../src/digest/render-alert.js';
import type { SlackMessage } from '../../src/digest/render-slack.js';
import { deliverAlert } from '../../src/notify/deliver.js';
import { startReceiver } from '../notify/receiver.js';
import { makeItem, makeMatch } from './make-items.js';

const createdAt = '2026-11-21T07:30:00.000Z';
const item = makeItem('hot', { title: 'Airstrike reported near Sirte' });
const alert = buildAlert({ name: 'flash', item, match: makeMatch(item, 'libya', 9), description: 'Libya watch', createdAt });
const folded = buildFoldedAlert({
  name: 'flash',
  createdAt,
  entries: Array.from({ length: 7 }, (_, i) => {
    const it = makeItem(`more-${i}`, { title: `Further report ${i}` });
    return { item: it, match: makeMatch(it, 'libya', 8 + (i % 3)) };
  }),
});

test('an alert renders in every format with its headline, score and why', () => {
  for (const format of RENDER_FORMATS) {
    const out = JSON.stringify(renderAlert(format, alert, 1));
    assert.ok(out.includes('Airstrike reported near Sirte'), format);
    assert.ok(out.includes('flash'), format);
    assert.ok(/score 9|"score":9/.test(out), format);
    assert.ok(out.includes('Sirte'), format);
  }
});

test('a folded alert says "and 7 more" and lists every folded headline', () => {
  assert.equal(folded.count, 7);
  assert.equal(folded.itemKeys.length, 7);
  for (const format of RENDER_FORMATS) {
    const out = JSON.stringify(renderAlert(format, folded, 1));
    assert.ok(format === 'webhook' ? out.includes('"type":"folded"') : out.includes('and 7 more'), format);
    for (let i = 0; i < 7; i++) assert.ok(out.includes(`Further report ${i}`), `${format} lists report ${i}`);
  }
});

test('a folded alert counts alerts the worker did not keep', () => {
  const f = buildFoldedAlert({ name: 'flash', entries: [{ item, match: makeMatch(item, 'libya', 9) }], count: 12, createdAt });
  assert.match(renderAlert('text', f)[0]!, /and 12 more/);
});

test('deliverAlert posts one alert and then the folded message to Slack', async (t) => {
  const rx = await startReceiver();
  t.after(rx.close);
  const channel = { type: 'slack' as const, webhook: rx.url };
  await deliverAlert('ops', channel, alert);
  await deliverAlert('ops', channel, folded);
  const [one, rest] = rx.accepted().map((b) => JSON.parse(b) as SlackMessage);
  assert.equal(one!.text, 'Alert: flash: Airstrike reported near Sirte');
  assert.equal(rest!.text, 'Alert: flash, and 7 more');
  assert.equal(rest!.blocks.filter((b) => b.type === 'section' && b.text.text.includes('Further report')).length, 7);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanParagraphs } from '../../src/extract/clean-text.js';
import { isDateLine } from '../../src/extract/date-line.js';
import { extractArticle } from '../../src/extract/extract-article.js';

test('drops date and time lines in several languages, and keeps sentences with years', () => {
  for (const line of ['Nov 18, 2019 at 9:24 pm ET • 2 min read', 'segunda-feira, 22 de janeiro de 2018 às 0:13', 'Updated: 10:31 AM EST, Mon November 18, 2019', '4:14 p.m.', 'lundi 3 mars 2025']) {
    assert.ok(isDateLine(line), line);
  }
  for (const line of ['The meeting ended in 2019 with a deal.', 'Paris, 2019', '2019', 'Sirte fell in June 2016 after a siege of several months.']) {
    assert.ok(!isDateLine(line), line);
  }
});

test('drops furniture lines and bylines but keeps sentences that start alike', () => {
  const kept = [
    'By Friday, 40 people had left the camp.',
    'Share prices fell by a third over the week, traders said.',
    'Comments made by the minister on Tuesday drew criticism.',
    'The minister told Reuters.', 'Pictures by the hundred were shown to the court, the AP reported.',
  ];
  const dropped = [
    'Share this:', 'Advertisement', 'By Jane Doe and John Roe, Reuters', 'Leave a Reply', 'Você pode gostar...', 'Image 2 of 5', 'Tags: Libya, ISIS',
    '(Reporting by Ayman al-Warfalli; Editing by Tom Brown)', 'jane.doe@example.com', '© Reuters', 'Like this story? Share it with a friend!',
    'Get the latest updates right in your inbox. Subscribe to our newsletters.', 'Keith Bradsher contributed reporting from Hong Kong.',
    'Story continues below advertisement', '(Photo by Jane Doe/Getty Images)', 'Sakib Ali/Hindustan Times/Getty Images',
  ];
  assert.deepEqual(cleanParagraphs([...dropped, ...kept], undefined), kept);
});

test('drops the headline when the body repeats it, also when <title> adds the site name', () => {
  const out = cleanParagraphs(['Council approves 2024 budget', 'The council approved the budget on Friday.'], 'San Vicente Bulletin - Council approves 2024 budget');
  assert.deepEqual(out, ['The council approved the budget on Friday.']);
});

test('keeps an embedded tweet quoted in the article, though its wrapper is named "social"', () => {
  const paras = [
    'The campaign drew ridicule online within hours of its launch on Monday, and officials defended it.',
    'The governor said the slogan was meant to get attention, and that it had worked, judging by the reaction.',
  ];
  const html = `<html><body><div class="share-bar social"><a href="#">Facebook</a></div><div class="entry-content">
    <p>${paras[0]}</p><div class="social-media-embed"><blockquote class="twitter-tweet"><p>Yes this is real and the state paid for it, a lot.</p>— A. User (@auser) <a href="https://twitter.com/x">November 18, 2019</a></blockquote></div>
    <p>${paras[1]}</p></div></body></html>`;
  const text = extractArticle(html).text;
  assert.match(text, /Yes this is real/);
  assert.doesNotMatch(text, /Facebook/);
});

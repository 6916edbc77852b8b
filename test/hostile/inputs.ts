/**
 * Inputs built to be slow, one family per trick a parser or a regular expression can fall
 * for: repeated declarations, unclosed constructs, deep nesting, long runs without a
 * separator, huge attributes. Each builder takes a size in characters and returns about
 * that much text, so a test can double it up to the stage's cap.
 */
import { repeatTo } from './growth.js';

export type Builder = (size: number) => string;

const rss = (inner: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${inner}</channel></rss>`;
const rssItem = (description: string) => `<item><title>t</title><link>https://e.example.com/a</link><description>${description}</description></item>`;
/** `unit` repeated so that the whole document is about `size` characters. */
const fill = (unit: string, size: number, wrap: (s: string) => string) => {
  const overhead = wrap('').length;
  return wrap(repeatTo(unit, Math.max(unit.length, size - overhead)));
};

/** Feed bodies: what reaches readFeed, up to fetch.maxBytes. */
export const HOSTILE_FEEDS: Record<string, Builder> = {
  'repeated DOCTYPE openings': (n) => repeatTo('<!DOCTYPE [x', n),
  'DOCTYPE never closed': (n) => repeatTo('<!ENTITY a "x">', n, '<?xml version="1.0"?><!DOCTYPE r ['),
  'entity declarations': (n) => fill('<!ENTITY e "xy">', n, (s) => `<!DOCTYPE r [${s}]>${rss(rssItem('&e;'))}`),
  'entity references': (n) => fill('&e;', n, (s) => `<!DOCTYPE r [<!ENTITY e "x">]>${rss(rssItem(s))}`),
  'ampersands before long names': (n) => fill(`&${'a'.repeat(60)}`, n, (s) => rss(rssItem(s))),
  'unclosed comments': (n) => fill('<!--', n, (s) => rss(rssItem(s))),
  'unclosed CDATA': (n) => fill('<![CDATA[', n, (s) => rss(rssItem(s))),
  'empty comments before the root': (n) => fill('<!---->', n, (s) => `${s}${rss(rssItem('x'))}`),
  'unclosed comments before the root': (n) => repeatTo('<!--', n),
  'deep nesting': (n) => fill('<b>', n, (s) => rss(rssItem(s))),
  'unclosed items': (n) => fill('<item><title>t</title>', n, rss),
  'stray close tags under a deep stack': (n) => fill('</x>', n, (s) => rss(`<item><title>${'<b>'.repeat(250)}${s}</title></item>`)),
  'tag pairs under a deep stack': (n) => fill('<a></a>', n, (s) => rss(`<item><title>${'<b>'.repeat(250)}${s}</title></item>`)),
  'a long run without a separator': (n) => fill('a', n, (s) => rss(rssItem(s))),
  'a long run of spaces': (n) => fill(' ', n, (s) => rss(rssItem(`${s}x`))),
  'trailing spaces after the root': (n) => fill(' ', n, (s) => `${rss(rssItem('x'))}${s}`),
  'a huge attribute': (n) => fill('x', n, (s) => rss(`<item a="${s}"><title>t</title></item>`)),
  'many items': (n) => fill(rssItem('x'), n, rss),
  'block tags and newlines (rss-parser snippet)': (n) => fill('a<p>\n', n, (s) => rss(rssItem(`<![CDATA[${s}]]>`))),
  'escaped markup': (n) => fill('&lt;p&gt;a', n, (s) => rss(rssItem(s))),
  'unclosed escaped scripts': (n) => fill('&lt;script&gt;', n, (s) => rss(rssItem(s))),
  'many categories': (n) => fill('<category>c</category>', n, (s) => rss(`<item><title>t</title>${s}</item>`)),
  'a huge link': (n) => fill('a', n, (s) => rss(`<item><title>t</title><link>https://e.example.com/${s}</link></item>`)),
  'declarations never closed (sax rescans them)': (n) => fill('<!DOCTYP', n, (s) => `${s}${rss(rssItem('x'))}`),
  'names the parser reads as "p<p"': (n) => fill('<p<p>', n, (s) => rss(rssItem(`<![CDATA[x]]>${s}`))),
  'JSON nested deep': (n) => repeatTo('[', n, '{"version":"https://jsonfeed.org/version/1.1","items":'),
  'JSON with many items': (n) => fill('{"id":"1","content_html":"<p>x</p>"},', n, (s) => `{"version":"https://jsonfeed.org/version/1.1","items":[${s}{}]}`),
  'Atom with inline XHTML nested deep': (n) => fill('<div>', n, (s) => `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title><content type="xhtml">${s}</content></entry></feed>`),
};

const page = (body: string, head = '') => `<html><head><title>T</title>${head}</head><body>${body}</body></html>`;
const ld = (articleBody: string) => `<script type="application/ld+json">{"@type":"NewsArticle","articleBody":${JSON.stringify(articleBody)}}</script>`;
const prose = '<p>Some words of text here, and more, and more text in the story.</p>';

/** Pages: what reaches extractArticle, up to fetch.maxBytes. */
export const HOSTILE_PAGES: Record<string, Builder> = {
  'tags never closed by ">"': (n) => repeatTo('<a', n),
  'deep nesting': (n) => fill('<div>', n, (s) => page(s)),
  'deep nesting then "<a" runs': (n) => fill('<a', n, (s) => page(`${'<div>'.repeat(300)}${s}`)),
  'stray close tags under a deep stack': (n) => fill('</x>', n, (s) => page(`${'<div>'.repeat(250)}${s}`)),
  'unclosed scripts': (n) => fill('<script>', n, (s) => page(s)),
  'names the parser reads as "p<p"': (n) => fill('<p<p>', n, (s) => page(s)),
  '"<div/>", which HTML keeps open': (n) => fill('<div/>', n, (s) => page(s)),
  'a ">" inside quoted attributes': (n) => fill('<div title="a>b">', n, (s) => page(s)),
  'unclosed comments': (n) => fill('<!--', n, (s) => page(s)),
  'a huge class attribute': (n) => fill('a ', n, (s) => page(`<div class="${s}">${prose}</div>`)),
  'a huge title with separators': (n) => fill(' - a', n, (s) => page('<p>x</p>', `<title>${s}</title>`)),
  'a byline of commas': (n) => fill(',', n, (s) => page(`<div class="byline">a${s}b</div>${prose}`)),
  'JSON-LD body of "<p"': (n) => fill('<p', n, (s) => page(prose, ld(s))),
  'JSON-LD body of "<script"': (n) => fill('<script', n, (s) => page(prose, ld(s))),
  'JSON-LD body of "<"': (n) => fill('<', n, (s) => page(prose, ld(s))),
  'JSON-LD huge array': (n) => fill('1,', n, (s) => page(prose, `<script type="application/ld+json">[${s}1]</script>`)),
  'JSON-LD nested deep': (n) => fill('[', n, (s) => page(prose, `<script type="application/ld+json">${s}</script>`)),
  'a long word': (n) => fill('a', n, (s) => page(`<p>${s}</p>`)),
  'many paragraphs': (n) => fill(prose, n, (s) => page(s)),
  'nested hidden blocks': (n) => fill('<p>words words words</p>', n, (s) => page(`${'<div hidden>'.repeat(200)}${s}`)),
  'nested asides': (n) => fill('<p>words words words</p>', n, (s) => page(`${'<aside>'.repeat(200)}${s}`)),
  'siblings an exclude rule removes': (n) => fill('<p class="share">x</p>', n, (s) => page(s)),
  'spaces and newlines in <pre>': (n) => fill(' \n', n, (s) => page(`<pre>${s}</pre>`)),
};

/**
 * What the dashboard tests run on: two small feeds on a local server, one feed that 404s,
 * watch-lists, and a digest with a channel that delivers and one that cannot. A hostile
 * string is planted wherever feed- or config-derived text reaches a page.
 */
export const XSS = '<img src=x onerror=alert(1)>';
export const XSS_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

export function rssFeed(base: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Dash Wire</title><link>${base}/</link>
<item><title>Islamic State fighters regroup south of Sirte in Libya</title>
<link>${base}/news/isis-sirte</link><guid isPermaLink="false">dw-1</guid>
<pubDate>Fri, 20 Nov 2026 06:00:00 GMT</pubDate>
<description>Libyan officials say ISIS militants are regrouping in the desert south of Sirte.</description></item>
<item><title>US airstrike hits militant camp near Sirte</title>
<link>${base}/news/strike</link><guid isPermaLink="false">dw-2</guid>
<pubDate>Fri, 20 Nov 2026 07:00:00 GMT</pubDate>
<description>AFRICOM says the strike targeted an ISIS camp in Libya.</description></item>
<item><title>City council approves new bicycle lanes</title>
<link>${base}/news/bike-lanes</link><guid isPermaLink="false">dw-3</guid>
<pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate>
<description>Twelve kilometres of protected lanes will be built next year.</description></item>
</channel></rss>`;
}

export function atomFeed(base: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Dash Monitor</title><id>tag:test,2026:dash</id>
<updated>2026-11-20T09:00:00Z</updated><link href="${base}/"/>
<entry><title>Daesh claims attack on checkpoint in Tunisia</title><id>tag:test,2026:tunis</id>
<link href="${base}/news/tunisia"/><updated>2026-11-20T07:05:00Z</updated>
<summary>The Islamic State said its fighters attacked a checkpoint near the Libyan border in Tunisia.</summary></entry>
<entry><title>Bakery wins regional bread prize</title><id>tag:test,2026:bread</id>
<link href="${base}/news/bread"/><updated>2026-11-20T09:00:00Z</updated>
<summary>A family bakery took first place for its sourdough.</summary></entry>
</feed>`;
}

/** A page for the "try it" box to fetch. */
export const TRY_PAGE = `<!doctype html><html lang="en"><head><title>Pentagon confirms airstrike in Libya</title></head>
<body><article><h1>Pentagon confirms airstrike in Libya</h1>
<p>The Pentagon said on Friday that an airstrike near Sirte killed several Islamic State fighters, in coordination with Libyan forces.</p>
<p>AFRICOM said the strike was the third this month and that the US military would keep supporting its partners.</p>
</article></body></html>`;

export const WATCHLISTS = `
entities:
  ISIS:        { type: org,   aliases: [Islamic State, ISIL, Daesh, IS] }
  NorthAfrica: { type: place, aliases: [Libya, Tunisia, Sirte] }
  USMil:       { type: org,   aliases: [Pentagon, AFRICOM, US Africa Command, US military] }
watchlists:
  isis-libya:
    description: 'ISIS in North Africa ${XSS}'
    query: '@ISIS AND @NorthAfrica'
    weights: { '@ISIS': 2, '@NorthAfrica': 1 }
    threshold: 2
  us-strikes:
    query: '@USMil AND (airstrike* OR strike)'
  bread:
    query: 'sourdough AND NOT bakery'
`;

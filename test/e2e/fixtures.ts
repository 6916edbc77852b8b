/**
 * Two small feeds written for the end-to-end test. They carry one story in common (the same
 * link, a tracking parameter on one copy); two stories are on the watch-lists' subjects and
 * two are not.
 */
export const SHARED_LINK = (base: string) => `${base}/news/strike-sirte`;

export function rssFeed(base: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>${base}/</link>
<item><title>Islamic State fighters regroup south of Sirte in Libya</title>
<link>${base}/news/isis-sirte</link><guid isPermaLink="false">tw-1</guid>
<pubDate>Fri, 20 Nov 2026 06:00:00 GMT</pubDate>
<description>Libyan officials say ISIS militants are regrouping in the desert south of Sirte.</description></item>
<item><title>US airstrike hits militant camp near Sirte</title>
<link>${SHARED_LINK(base)}?utm_source=rss</link><guid isPermaLink="true">${SHARED_LINK(base)}</guid>
<pubDate>Fri, 20 Nov 2026 07:00:00 GMT</pubDate>
<description>AFRICOM says the strike targeted an ISIS camp in Libya.</description></item>
<item><title>City council approves new bicycle lanes</title>
<link>${base}/news/bike-lanes</link><guid isPermaLink="false">tw-3</guid>
<pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate>
<description>Twelve kilometres of protected lanes will be built next year.</description></item>
</channel></rss>`;
}

export function atomFeed(base: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Monitor</title><id>tag:test,2026:monitor</id>
<updated>2026-11-20T09:00:00Z</updated><link href="${base}/"/>
<entry><title>US airstrike hits militant camp near Sirte</title><id>tag:test,2026:strike</id>
<link href="${SHARED_LINK(base)}#comments"/><updated>2026-11-20T07:05:00Z</updated>
<summary>AFRICOM says the strike targeted an ISIS camp in Libya.</summary></entry>
<entry><title>Bakery wins regional bread prize</title><id>tag:test,2026:bread</id>
<link href="${base}/news/bread"/><updated>2026-11-20T09:00:00Z</updated>
<summary>A family bakery took first place for its sourdough.</summary></entry>
</feed>`;
}

/** The article page behind the shared link: furniture around a body that names the US military. */
export function strikePage(): string {
  return `<!doctype html><html lang="en"><head><title>US airstrike hits militant camp near Sirte</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>US airstrike hits militant camp near Sirte</h1>
<p>US Africa Command said on Friday that an airstrike destroyed a camp used by Islamic State fighters south of Sirte, in coordination with Libyan forces.</p>
<p>The Pentagon said the strike was the second this month against ISIS in Libya, and that the US military would keep supporting its Libyan partners against the group.</p>
<p>Local officials said the camp had been used to train fighters who later crossed into Tunisia.</p></article>
<aside class="related"><h3>Related posts</h3><ul><li><a href="/x">Football results</a></li></ul></aside>
<footer>Copyright Test Monitor</footer></body></html>`;
}

export const WATCHLISTS = `
entities:
  ISIS:        { type: org,   aliases: [Islamic State, ISIL, Daesh, IS] }
  NorthAfrica: { type: place, aliases: [Libya, Tunisia, Sirte] }
  USMil:       { type: org,   aliases: [Pentagon, AFRICOM, US Africa Command, US military] }
watchlists:
  isis-libya:
    query: '@ISIS AND @NorthAfrica'
  us-strikes:
    query: '@USMil AND (airstrike* OR strike)'
  bread:
    query: 'sourdough AND NOT bakery'
`;

/**
 * A block that opens with a heading like "Related posts" or "Você pode gostar..." is a
 * list of other stories (or the comments), whatever its markup says; its teasers can hold
 * as much prose as the article.
 */
import { collapse, isElement, rawText, textLength, type DomNode } from './dom.js';

const FURNITURE_HEADING = new RegExp(
  '^(related|related (posts?|articles?|stories|content|coverage|news)|you (may|might) (also )?(like|enjoy)|more (stories|news|from|on|in|like this)\\b.*|read (more|next|also)|recommended( for you)?|popular|most (read|popular|viewed)|trending( now)?|latest (news|stories|posts)|comments?|\\d+ comments?|leave a (reply|comment)|' +
    'você pode gostar|veja também|leia também|posts? relacionad[oa]s|not[ií]cias relacionadas|te puede interesar|art[ií]culos relacionados|lire aussi|à lire aussi|sur le même sujet|das könnte sie auch interessieren|mehr zum thema|leggi anche|articoli correlati|baca juga|berita terkait|читайте также|похожие (статьи|новости))\\W*$',
  'iu',
);

const HEADING = /^(h[1-6]|header|strong|b|p|span|div)$/;

/** The block's first piece of text is a furniture heading. */
export function startsWithFurnitureHeading(node: DomNode): boolean {
  const first = firstTextElement(node);
  // Count before copying: the first child can be a wrapper of the whole article.
  if (!first || !HEADING.test(first.name!) || textLength(first, 200) > 200) return false;
  const text = collapse(rawText(first));
  return text.length > 0 && text.length < 60 && FURNITURE_HEADING.test(text);
}

function firstTextElement(node: DomNode): DomNode | undefined {
  for (let n: DomNode | undefined = node, depth = 0; n && depth < 4; depth++) {
    const kids: DomNode[] = (n.children ?? []).filter((c) => isElement(c) || (c.type === 'text' && (c.data ?? '').trim() !== ''));
    const first: DomNode | undefined = kids[0];
    if (!first || !isElement(first)) return undefined;
    if (/^h[1-6]$/.test(first.name!)) return first;
    if (kids.length > 1 || (first.children ?? []).every((c) => c.type === 'text')) return first;
    n = first;
  }
  return undefined;
}

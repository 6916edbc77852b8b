/**
 * The body the classifier reads: the extracted page when it gave real text, else the
 * feed's own content or summary (a page that failed to fetch, was not HTML, or renders
 * its text with JavaScript).
 */
import { cutText, DEFAULT_LIMITS } from '../limits.js';
import type { ExtractedArticle, FeedItem } from '../types.js';

/** Options for chooseArticleBody. */
export interface ChooseBodyOptions {
  /** Page text shorter than this (in characters) counts as no text. Default 200. */
  minChars?: number;
  /** The body cap (limits.bodyChars): the chosen text is cut to it and marked truncated. Default 200,000. */
  maxChars?: number;
}

const DEFAULT_MIN_CHARS = 200;

export function chooseArticleBody(extracted: ExtractedArticle | undefined, item: FeedItem, opts: ChooseBodyOptions = {}): ExtractedArticle {
  const min = opts.minChars ?? DEFAULT_MIN_CHARS;
  const pageText = extracted?.text.trim() ?? '';
  const feedText = pickFeedText(item);
  // The page wins when it has enough text, or when the feed has even less to offer.
  if (extracted && (pageText.length >= min || pageText.length >= feedText.length)) return capped(extracted, opts.maxChars);
  const out: ExtractedArticle = { ...(extracted ?? {}), text: feedText, bodySource: 'feed' };
  delete out.truncated;
  if (item.truncated && feedText === item.content?.trim()) out.truncated = true;
  if (!out.title && item.title) out.title = item.title;
  if (!out.byline && item.author) out.byline = item.author;
  if (!out.published && item.published) out.published = item.published;
  return capped(out, opts.maxChars);
}

function capped(article: ExtractedArticle, maxChars: number = DEFAULT_LIMITS.bodyChars): ExtractedArticle {
  const cut = cutText(article.text, maxChars);
  return cut.truncated ? { ...article, text: cut.text, truncated: true } : article;
}

function pickFeedText(item: FeedItem): string {
  const content = item.content?.trim() ?? '';
  const summary = item.summary.trim();
  return content.length >= summary.length ? content : summary;
}

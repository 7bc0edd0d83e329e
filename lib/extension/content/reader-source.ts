/**
 * The content script's side of the reader view: the page's cleaned article as the engine gives it
 * (hidden blocks out, figures and links in), with title, byline, date and site name.
 *
 * The markup is sanitized here, in the engine's detached copy (never the page), and again by the
 * reader page, which trusts no sender. Sanitizing here first keeps event-handler attributes from
 * ever being parsed in the extension page (Chrome reports each as a CSP violation there, though
 * none runs) and keeps the message small.
 */
import { analyze } from '../../engine/analyze';
import { MAX_ARTICLE_HTML, type ReaderArticle } from '../messages';
import { cleanByline, pageMeta } from '../../engine/page/meta';
import { sanitize } from '../../engine/article/sanitize';
import type { SiteRules } from '../../engine/types';

export interface ReaderSourceOptions {
  /** The page URL (location.href). */
  url: string;
  sites: readonly SiteRules[];
  /** Blocks the user keeps on this site: they stay in the article. */
  keep?: Iterable<string>;
}

/** The page's article for the reader, or null when the engine found none. Never throws. */
export function readerArticle(doc: Document, options: ReaderSourceOptions): ReaderArticle | null {
  let analysis: ReturnType<typeof analyze>;
  try {
    analysis = analyze(doc, { url: options.url, sites: options.sites, keep: options.keep });
  } catch {
    return null;
  }
  const { report, article } = analysis;
  if (!article || !(article.textContent ?? '').trim()) return null;
  const own = (doc as { baseURI?: string }).baseURI;
  const baseUrl = own && /^https?:/i.test(own) ? own : options.url;
  let html: string;
  try {
    const holder = article.ownerDocument.createElement('div');
    holder.appendChild(sanitize(article, { baseUrl }));
    html = holder.innerHTML;
  } catch {
    return null;
  }
  if (html.length > MAX_ARTICLE_HTML) return null;
  const meta = pageMeta(doc);
  return {
    url: options.url,
    baseUrl,
    title: (report.title || doc.title || '').replace(/\s+/g, ' ').trim(),
    // The byline the page shows; metadata's only when the page shows none.
    byline: cleanByline(analysis.shownByline ?? report.byline) ?? meta.author,
    published: meta.published,
    siteName: meta.siteName,
    lang: meta.lang,
    dir: meta.dir,
    html,
  };
}

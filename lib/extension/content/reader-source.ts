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
import { collapse } from '../../engine/page/dom';
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
  try {
    addMissingFurniture(article, analysis.keyPoints ?? [], analysis.lead ?? null);
  } catch {
    /* the article as Readability gave it */
  }
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

/** A lead photo's figure is the photo and its caption: a bigger box is more than that. */
const MAX_LEAD_FIGURE_CHARS = 700;
/** How much of a Key Points box's text is looked for in the article to tell whether it holds it. */
const PROBE_CHARS = 80;

/**
 * What the reader sees of the article and Readability's article may miss: the Key Points box and
 * the lead photo (with its caption) go first when the article does not hold them.
 */
export function addMissingFurniture(article: Element, keyPoints: readonly Element[], lead: Element | null): void {
  const doc = article.ownerDocument;
  const text = collapse(article.textContent ?? '');
  for (const box of [...keyPoints].reverse()) {
    const probe = collapse(box.textContent ?? '').slice(0, PROBE_CHARS);
    if (probe && !text.includes(probe)) article.prepend(doc.importNode(box, true));
  }
  if (lead && /^(?:IMG|PICTURE|VIDEO)$/.test(lead.tagName)) {
    const img = lead.tagName === 'IMG' ? lead : lead.querySelector('img');
    const src = img?.getAttribute('src') ?? lead.getAttribute('poster') ?? '';
    const shown = src && Array.from(article.querySelectorAll('img, video')).some((m) => (m.getAttribute('src') ?? m.getAttribute('poster')) === src);
    if (src && !shown) {
      const figure = lead.closest('figure');
      const node =
        figure && collapse(figure.textContent ?? '').length <= MAX_LEAD_FIGURE_CHARS
          ? figure
          : lead.parentElement?.tagName === 'PICTURE'
            ? lead.parentElement
            : lead;
      article.prepend(doc.importNode(node, true));
    }
  }
}

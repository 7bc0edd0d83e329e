/**
 * The engine: one page in, a Report out. Pure DOM code; the same in the background (the page's
 * markup), on the page, in the CLI and in the tests (linkedom). It never mutates the document it is
 * given and never throws: hiding is a separate step (apply/hide.ts). The steps, in order:
 *
 *   index    one pass over the body: every element with its text statistics (page/index.ts)
 *   article  Readability on a copy tells article from chrome (article/)
 *   find     candidates from the site rules that match the host, then from each detector (find/)
 *   decide   a candidate holding article prose, or the article itself, is refused; nested
 *            candidates collapse to the outer one (decide.ts)
 *   recognize  is the page an article? from its declarations and the article's structure (article/recognize.ts)
 *   text     the article's text without the hidden blocks, through the not-text filters (text/)
 *   record   a Report: blocks {id, kind, text, reason, rule}, the article text and what it left
 *            out and why, timings, errors, notes
 */
import { emptyArticle, readArticle, readabilitySkipped, type ArticleInfo } from './article/article';
import { recognize } from './article/recognize';
import { decide } from './decide';
import { shownByline } from './article/furniture';
import { createContext, type Detector } from './find/detector';
import { detectors as defaultDetectors } from './find/detectors/index';
import { find, message } from './find/find';
import { rulesForHost } from './find/site-rules';
import { now } from './page/dom';
import { indexPage, MAX_DEPTH, type PageIndex } from './page/index';
import { ANY_SITE, hostOf, pageUrl } from './page/url';
import type { NotTextFilter } from './text/filter';
import { notTextFilters } from './text/index';
import { articleText } from './text/text';
import type { DetectorError, Report, SiteRules } from './types';

export interface AnalyzeOptions {
  /** The page URL; defaults to the document's own URL, canonical link or og:url. */
  url?: string;
  /** The site rules to match against the page's host (the built-in ones, the CLI's --rules, user rules); none by default. */
  sites?: readonly SiteRules[];
  /** Extra site rules on top of the given ones. */
  extraSites?: readonly SiteRules[];
  /** Ids of blocks the user chose to keep: reported, but not hidden. */
  keep?: Iterable<string>;
  /** Detectors to run instead of the registry (tests inject faulty ones). */
  detectors?: readonly Detector[];
  /** Not-text filters to ask instead of the registry. */
  filters?: readonly NotTextFilter[];
}

export interface Analysis {
  report: Report;
  /** The live element of each reported block, by block id. */
  elements: Map<string, Element>;
  /**
   * The cleaned article as markup: Readability's article (in a detached document) without the
   * hidden blocks, figures and links kept. Not sanitized: a reader view must sanitize it.
   */
  article: Element | null;
  /** The byline as the page shows it (Readability's may come from metadata naming someone else). */
  shownByline?: string | null;
  /** The page's index and Readability's reading of it (live elements), for a caller that looks further (the learner). */
  page?: { index: PageIndex; article: ArticleInfo };
  /** The page's Key Points boxes and its lead image or video (live elements), for a reader view. */
  keyPoints?: Element[];
  lead?: Element | null;
}

/** Analyzes a page: what would be hidden, and the cleaned article. Never throws. */
export function analyze(doc: Document, options: AnalyzeOptions = {}): Analysis {
  const t0 = now();
  const errors: DetectorError[] = [];
  const notes: string[] = [];
  const url = pageUrl(doc, options.url);
  const host = hostOf(url);
  const empty: Report = {
    url,
    host,
    isArticle: false,
    site: null,
    title: '', // the article's title below; <title> (a walk of the head) only for a page without a body
    byline: null,
    text: '',
    blocks: [],
    errors,
    timings: { readability: 0, find: 0, decide: 0, total: 0 },
  };
  if (!doc.body) {
    errors.push({ source: 'engine', message: 'the document has no body' });
    empty.title = doc.title ?? '';
    return { report: empty, elements: new Map(), article: null };
  }

  // Index and article.
  const tr = now();
  let index: PageIndex | undefined;
  let article: ArticleInfo;
  try {
    index = indexPage(doc.body);
    const skip = readabilitySkipped(index);
    if (skip) notes.push(skip);
    article = skip ? emptyArticle(doc.title ?? '') : readArticle(doc, index);
    if (index.maxDepth > MAX_DEPTH) notes.push(`detectors looked ${MAX_DEPTH} levels deep: the page nests ${index.maxDepth} levels (MAX_DEPTH)`);
  } catch (e) {
    errors.push({ source: 'readability', message: message(e) });
    article = emptyArticle(doc.title ?? '');
  }
  const readabilityMs = now() - tr;

  // Find.
  const tf = now();
  const sites = rulesForHost(host, [...(options.sites ?? []), ...(options.extraSites ?? [])]);
  const ctx = createContext(doc, host, article, index);
  const found = find(ctx, sites, options.detectors ?? defaultDetectors, errors);
  const findMs = now() - tf;

  // Decide.
  const td = now();
  const parts = new Map(
    (options.detectors ?? defaultDetectors).flatMap((d) => (d.part ? [[`detector:${d.id}`, (el: Element) => d.part!(ctx, el)] as const] : [])),
  );
  const { blocks, elements, bylines, keyPoints, lead } = decide(found, ctx, index?.all ?? ctx.all, new Set(options.keep ?? []), parts);
  const decideMs = now() - td;

  // Article text, then the record.
  const hidden = new Set(blocks.filter((b) => !b.kept).map((b) => elements.get(b.id)!));
  const { text, leftOut } = articleText(article, hidden, ctx, options.filters ?? notTextFilters);
  // Rules for every site (ANY_SITE) do not make a page an article; rules for its own site do,
  // but for learned ones: they name the site's template blocks, seen on its articles.
  const siteRule = sites.some((s) => s.host !== ANY_SITE && !s.learned);
  const recognized = recognize({ doc, url, servedUrl: options.url, article, index, siteRule });
  const report: Report = {
    ...empty,
    isArticle: recognized.isArticle,
    recognized: recognized.why,
    site: sites.find((s) => s.host !== ANY_SITE)?.host ?? null,
    title: article.title,
    byline: article.byline,
    text,
    leftOut,
    blocks,
    timings: { readability: readabilityMs, find: findMs, decide: decideMs, total: 0 },
    ...(notes.length ? { notes } : {}),
  };
  report.timings.total = now() - t0;
  return {
    report,
    elements,
    article: article.content,
    shownByline: shownByline(bylines, article.byline, ctx.blockText),
    keyPoints,
    lead,
    ...(index ? { page: { index, article } } : {}),
  };
}

/**
 * Is this page an article? Decided from evidence, structure first, the first rule that answers wins:
 *
 *   1  a site rule for the host                                           → article
 *   2  served as the site's home page (path "/" or "/index.*", no query)  → not
 *   3  declared an article (JSON-LD Article type, article:published_time)
 *      and Readability's article has some text                            → article
 *   4  a listing: Readability's article is teasers (linked headings over
 *      the prose) or <article> cards                                      → not
 *   5  the engine's run of prose is long enough                           → article
 *   6  og:type article, one or two microdata Articles or a dated post's
 *      address (/2011/07/slug.html), with some text                       → article
 *   7  its prose sits one paragraph to a repeated linked box              → not
 *   8  Readability's article holds prose paragraphs and few links         → article
 *   9  Readability's article is most of the page, and not links           → article
 *  10  nothing of the above                                               → not
 *
 * R below is Readability's article on the engine's copy (ArticleInfo.content); a prose paragraph
 * of R is one of at least MIN_PROSE_CHARS with link density at most MAX_PROSE_LINK_DENSITY.
 * Thresholds were set on one half of the corpus' publishers (test/corpus-split.json) and are
 * reported on the other (npm run bench:recognition).
 */
import { collapsedLength, linkDensity } from '../page/dom';
import type { PageIndex } from '../page/index';
import { MAX_PROSE_LINK_DENSITY, MIN_ARTICLE_CHARS, MIN_PROSE_CHARS, type ArticleInfo } from './article';

/** A declared article needs at least this much text in R: a declaration over an empty shell (a video page, a paywall stub) is not enough. */
export const MIN_DECLARED_CHARS = 80;
/** Linked headings in R from which it may be a listing (a section front's teasers). */
export const MIN_TEASERS = 3;
/** <article> items with a linked heading holding R's prose from which R is a list of cards. */
export const MIN_CARDS = 3;
/** Repeated boxes, each with its prose paragraph and a link elsewhere, from which R is a list of boxes. */
export const MIN_BOXES = 3;
/** Prose in R (with at least MIN_PROSE_PARAGRAPHS paragraphs) from which it is an article when it has few links. */
export const MIN_READABLE_PROSE = 1000;
/** One long paragraph is a product's or a profile's blurb as often as an article; two make a text. */
export const MIN_PROSE_PARAGRAPHS = 2;
/** Distinct links per 1,000 characters of R above which its prose is a listing's blurbs (an article links a few sources). */
export const MAX_LINKS_PER_1000 = 4;
/** R from this length counts as the page's article when it is most of the page … */
export const MIN_MOST_CHARS = 400;
/** … that is, at least this share of the body's text … */
export const MIN_MOST_SHARE = 0.5;
/** … and hardly links. */
export const MAX_MOST_LINK_DENSITY = 0.1;

/** schema.org types that declare an article (JSON-LD `@type`). */
const ARTICLE_TYPE =
  /^(?:Article|NewsArticle|BlogPosting|Blog|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BackgroundNewsArticle|AskPublicDiscussionNewsArticle|LiveBlogPosting|TechArticle|ScholarlyArticle|SatiricalArticle|Report|SocialMediaPosting|DiscussionForumPosting|Posting)$/;
/** Microdata item types of an article. */
const MICRODATA_ARTICLE = /schema\.org\/(?:Article|NewsArticle|BlogPosting|ReportageNewsArticle)\b/i;
/** More microdata Articles than this on one page are a list of them, not the page's article. */
const MAX_MICRODATA_ARTICLES = 2;
/**
 * A dated post's address: /2011/07/slug.html, /2024/08/08/slug/ — a year, a month, maybe a day,
 * then a name with letters in it. Blogs and newspapers file posts by date; a month's archive
 * (/2011/07/) has no name after the date, a section front no date.
 */
const DATED_POST_PATH = /\/(?:19|20)\d\d\/(?:0?[1-9]|1[0-2])\/(?:(?:0?[1-9]|[12]\d|3[01])\/)?[^/?#]*[a-z][^/?#]*[a-z][^/?#]*\/?$/i;
/** How deep JSON-LD is searched for a type (`@graph`, `mainEntity`). */
const MAX_LD_DEPTH = 3;

export interface Recognition {
  isArticle: boolean;
  /** Why, in a few words: "declared NewsArticle and 1,240 chars of text". */
  why: string;
}

export interface RecognizeInput {
  doc: Document;
  /** The page's address: the one it was served at, else the one it declares (canonical, og:url). */
  url: string;
  /**
   * The address the page was served at, when known (the tab's, the CLI's --url). Only it makes a
   * home page: a blog that names its root as the address of the post it shows there is not one.
   */
  servedUrl?: string;
  article: ArticleInfo;
  index?: PageIndex;
  /** Site rules for the page's own host matched. */
  siteRule: boolean;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The engine's one decision: is this page an article? Never throws. */
export function recognize({ doc, url, servedUrl, article, index, siteRule }: RecognizeInput): Recognition {
  if (siteRule) return { isArticle: true, why: 'a site rule for the host' };
  if (servedUrl && isHomePage(servedUrl)) return { isArticle: false, why: "the site's home page" };
  const r = readArticleSignals(article, url);
  const declared = declaredType(doc);
  if (declared && r.chars >= MIN_DECLARED_CHARS) return { isArticle: true, why: `declared ${declared} and ${n(r.chars)} chars of text` };
  if (r.teasers >= MIN_TEASERS && (2 * r.teaserProse >= r.prose || r.teasers > r.proseN)) {
    return { isArticle: false, why: `a listing: ${r.teasers} linked headings` };
  }
  if (r.cards >= MIN_CARDS) return { isArticle: false, why: `a listing: ${r.cards} article cards` };
  if (article.proseChars >= MIN_ARTICLE_CHARS) return { isArticle: true, why: `${n(article.proseChars)} chars of prose in a run` };
  const weak = weakDeclaration(doc) || (isDatedPost(url) ? 'a dated post address' : '');
  if (weak && r.chars >= MIN_DECLARED_CHARS) return { isArticle: true, why: `${weak} and ${n(r.chars)} chars of text` };
  if (r.boxes >= MIN_BOXES && 2 * r.boxes >= r.traced) return { isArticle: false, why: `a listing: prose in ${r.boxes} repeated boxes` };
  if (r.prose >= MIN_READABLE_PROSE && r.proseN >= MIN_PROSE_PARAGRAPHS && (1000 * r.links) / Math.max(1, r.chars) <= MAX_LINKS_PER_1000) {
    return { isArticle: true, why: `${n(r.prose)} chars of prose in ${r.proseN} paragraphs` };
  }
  const bodyChars = (doc.body && index?.stats.get(doc.body)?.len) || collapsedLength(doc.body?.textContent ?? '');
  if (r.chars >= MIN_MOST_CHARS && r.chars >= MIN_MOST_SHARE * bodyChars && r.density <= MAX_MOST_LINK_DENSITY) {
    return { isArticle: true, why: `${n(r.chars)} chars of text, ${Math.round((100 * r.chars) / Math.max(1, bodyChars))}% of the page` };
  }
  return { isArticle: false, why: r.chars ? `only ${n(r.chars)} chars of text and ${n(r.prose)} of prose` : 'no article text' };
}

/** The site's home page: path "/" or "/index.*" without a query. */
export function isHomePage(url: string): boolean {
  try {
    const u = new URL(url);
    return /^\/?(?:index\.[a-z]+)?$/i.test(u.pathname) && (u.search === '' || u.search === '?');
  } catch {
    return false;
  }
}

/** The Article type the page declares in JSON-LD (top level, `@graph`, `mainEntity`), or a published time; '' when none. */
export function declaredType(doc: Document): string {
  let found = '';
  const visit = (o: unknown, depth: number): void => {
    if (found || !o || typeof o !== 'object' || depth > MAX_LD_DEPTH) return;
    if (Array.isArray(o)) {
      for (const x of o) visit(x, depth);
      return;
    }
    const r = o as Record<string, unknown>;
    const t = r['@type'];
    for (const x of Array.isArray(t) ? t : t ? [t] : []) {
      const name = typeof x === 'string' ? x.replace(/^https?:\/\/schema\.org\//, '') : '';
      if (ARTICLE_TYPE.test(name)) {
        found = name;
        return;
      }
    }
    if (r['@graph']) visit(r['@graph'], depth);
    if (r.mainEntity) visit(r.mainEntity, depth + 1);
    if (r.mainEntityOfPage && typeof r.mainEntityOfPage === 'object') visit(r.mainEntityOfPage, depth + 1);
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(s.textContent ?? ''), 0);
    } catch {
      /* a broken block declares nothing */
    }
    if (found) return found;
  }
  return doc.querySelector('meta[property="article:published_time"], meta[name="article:published_time"]') ? 'article:published_time' : '';
}

/** Is `url` a dated post's address (see DATED_POST_PATH)? */
export function isDatedPost(url: string): boolean {
  try {
    return DATED_POST_PATH.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** og:type article, or one or two microdata Articles (more are a list); '' when neither. */
function weakDeclaration(doc: Document): string {
  const og = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim().toLowerCase();
  if (og === 'article') return 'og:type article';
  let items = 0;
  for (const e of Array.from(doc.querySelectorAll('[itemtype]'))) if (MICRODATA_ARTICLE.test(e.getAttribute('itemtype') ?? '')) items++;
  return items >= 1 && items <= MAX_MICRODATA_ARTICLES ? 'a microdata Article' : '';
}

interface Signals {
  /** Characters of text in R. */
  chars: number;
  /** Link density of R. */
  density: number;
  /** Distinct links in R (not to the page itself). */
  links: number;
  /** Characters and count of R's prose paragraphs. */
  prose: number;
  proseN: number;
  /** Distinct targets of R's linked headings, and the prose under such headings. */
  teasers: number;
  teaserProse: number;
  /** Live <article> items holding R's prose that have a linked heading. */
  cards: number;
  /** Repeated live boxes holding one of R's prose paragraphs and a link elsewhere; prose paragraphs traced to the page. */
  boxes: number;
  traced: number;
}

const NONE: Signals = { chars: 0, density: 0, links: 0, prose: 0, proseN: 0, teasers: 0, teaserProse: 0, cards: 0, boxes: 0, traced: 0 };
const HEADING = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** How far up from a prose paragraph its repeated box is looked for. */
const BOX_LEVELS = 6;

function readArticleSignals(article: ArticleInfo, url: string): Signals {
  const content = article.content;
  if (!content) return NONE;
  const self = url.replace(/#.*/, '');
  /** The link an element leads to, or '' when none or back to this page. */
  const target = (a: Element | null | undefined): string => {
    const href = (a?.getAttribute('href') ?? '').replace(/#.*/, '').trim();
    return !href || href === self || /^javascript:/i.test(href) ? '' : href;
  };
  const headingTarget = (h: Element) => target(h.closest('a[href]') ?? h.querySelector('a[href]'));
  const s: Signals = { ...NONE };
  s.chars = collapsedLength(content.textContent ?? '');
  s.density = s.chars ? linkDensity(content, s.chars) : 0;
  const links = new Set<string>();
  for (const a of Array.from(content.querySelectorAll('a[href]'))) {
    const t = target(a);
    if (t) links.add(t);
  }
  s.links = links.size;

  const teasers = new Set<string>();
  const items = new Set<Element>();
  const boxes = new Set<Element>();
  let linkedHeading = false;
  for (const el of Array.from(content.querySelectorAll('h1, h2, h3, h4, h5, h6, p'))) {
    if (HEADING.has(el.tagName)) {
      const t = headingTarget(el);
      if (t) teasers.add(t);
      linkedHeading = !!t;
      continue;
    }
    const len = collapsedLength(el.textContent ?? '');
    if (len < MIN_PROSE_CHARS || linkDensity(el, len) > MAX_PROSE_LINK_DENSITY) continue;
    s.prose += len;
    s.proseN++;
    if (linkedHeading) s.teaserProse += len;
    const live = article.liveOf(el);
    if (!live) continue;
    s.traced++;
    const item = live.closest('article');
    if (item) items.add(item);
    const box = repeatedBox(live, target);
    if (box) boxes.add(box);
  }
  s.teasers = teasers.size;
  for (const item of items) if (Array.from(item.querySelectorAll('h1, h2, h3, h4, h5, h6')).some((h) => headingTarget(h))) s.cards++;
  s.boxes = boxes.size;
  return s;
}

/** The nearest box around a live paragraph that repeats (MIN_BOXES siblings of its tag and class) and links elsewhere. */
function repeatedBox(p: Element, target: (a: Element) => string): Element | null {
  const body = p.ownerDocument.body;
  for (let a = p.parentElement, i = 0; a && a !== body && i < BOX_LEVELS; a = a.parentElement, i++) {
    const parent = a.parentElement;
    if (!parent) break;
    const cls = a.getAttribute('class') ?? '';
    let same = 0;
    for (const c of Array.from(parent.children)) if (c.tagName === a.tagName && (c.getAttribute('class') ?? '') === cls) same++;
    if (same < MIN_BOXES) continue;
    if (Array.from(a.querySelectorAll('a[href]')).some((l) => !p.contains(l) && target(l))) return a;
  }
  return null;
}

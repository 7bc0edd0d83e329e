/**
 * The engine: find → decide → record. Pure DOM code; the same in the content script (live page),
 * the CLI and the tests (linkedom). It never mutates the document it is given and never throws:
 * hiding is a separate step (lib/hide.ts).
 *
 *   find   candidates from the site rules that match the host, then from each detector
 *   decide Readability (on a clone) tells article from chrome; a candidate holding article prose,
 *          or holding the article itself, is refused; nested candidates collapse to the outer one
 *   record a Report: blocks {id, kind, text, reason, rule}, the cleaned article, timings, errors
 */
import { emptyArticle, readArticle, readabilitySkipped, MIN_ARTICLE_CHARS, type ArticleInfo } from './article/article';
import { createContext, indexPage, MAX_DEPTH, type Detector, type DetectorContext, type PageIndex } from './find/detector';
import { detectors as defaultDetectors } from './find/detectors/index';
import { blockText, collapse, hash, normalize, now } from './page/dom';
import { ruleLabel, rulesForHost, selectRule } from './find/site-rules';
import { ANY_SITE, hostOf, pageUrl } from './page/url';
import type { Block, DetectorError, Kind, Report, SiteRules } from './types';

export interface AnalyzeOptions {
  /** The page URL; defaults to the document's own URL, canonical link or og:url. */
  url?: string;
  /** Site rules to use instead of the built-in ones (the CLI's --rules, user rules). */
  sites?: readonly SiteRules[];
  /** Extra site rules on top of the built-in or given ones. */
  extraSites?: readonly SiteRules[];
  /** Ids of blocks the user chose to keep: reported, but not hidden. */
  keep?: Iterable<string>;
  /** Detectors to run instead of the registry (tests inject faulty ones). */
  detectors?: readonly Detector[];
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
}

interface Found {
  el: Element;
  kind: Kind;
  reason: string;
  rule: string;
}

/** The page URL: explicit, else canonical link, else og:url, else the document's own URL. */
function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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

  // Readability on a clone.
  let article: ArticleInfo;
  const tr = now();
  let index: PageIndex | undefined;
  try {
    index = indexPage(doc.body);
    const skip = readabilitySkipped(index);
    if (skip) {
      notes.push(skip);
      article = emptyArticle(doc.title ?? '');
    } else {
      article = readArticle(doc, index);
    }
    if (index.maxDepth > MAX_DEPTH) notes.push(`detectors looked ${MAX_DEPTH} levels deep: the page nests ${index.maxDepth} levels (MAX_DEPTH)`);
  } catch (e) {
    errors.push({ source: 'readability', message: message(e) });
    article = emptyArticle(doc.title ?? '');
  }
  const readabilityMs = now() - tr;

  // Find.
  const tf = now();
  const found: Found[] = [];
  const sites = rulesForHost(host, [...(options.sites ?? []), ...(options.extraSites ?? [])]);
  for (const site of sites) {
    for (const rule of site.rules) {
      let els: Element[];
      try {
        els = selectRule(doc.body, rule); // the selector, then the rule's :has-text() test
      } catch (e) {
        errors.push({ source: `site:${site.host}`, message: message(e) });
        continue;
      }
      for (const el of els) found.push({ el, kind: rule.kind, reason: rule.reason, rule: ruleLabel(site, rule) });
    }
  }
  const ctx = createContext(doc, host, article, index);
  for (const d of options.detectors ?? defaultDetectors) {
    try {
      for (const c of d.detect(ctx)) found.push({ el: c.el, kind: d.kind, reason: c.reason, rule: `detector:${d.id}` });
    } catch (e) {
      errors.push({ source: d.id, message: message(e) });
    }
  }
  const findMs = now() - tf;

  // Decide.
  const td = now();
  const chosen = new Map<Element, Found>();
  const paragraphsIn = countParagraphs(article);
  for (const f of found) {
    if (chosen.has(f.el)) continue; // site rules come first, then detectors in registry order
    if (NOT_SHOWN_TAGS.has(f.el.tagName.toUpperCase())) continue; // nothing to hide: its "text" is code
    if (refuse(f.el, ctx.body, article, ctx.touchesProse, paragraphsIn)) continue;
    chosen.set(f.el, f);
  }
  const outer = [...chosen.values()].filter((f) => {
    for (let p = f.el.parentElement; p; p = p.parentElement) if (chosen.has(p)) return false;
    return true;
  });
  const keep = new Set(options.keep ?? []);
  const elements = new Map<string, Element>();
  const blocks: Block[] = [];
  const order = new Map<Element, number>();
  const repeats = new Map<string, number>();
  const wanted = new Set(outer.map((f) => f.el));
  for (const el of index?.all ?? ctx.all) if (wanted.has(el)) order.set(el, order.size);
  for (const f of outer.sort((a, b) => (order.get(a.el) ?? 0) - (order.get(b.el) ?? 0))) {
    const text = ctx.blockText(f.el); // often read already by a detector
    // The hash once per block: a page repeating one block a thousand times must not hash a million times.
    const base = `${f.kind}-${hash(normalize(text).slice(0, 400) || f.rule)}`;
    // Repeats get -2, -3, … (a base never ends in -n: kinds and hashes have no dash).
    const n = repeats.get(base) ?? 1;
    repeats.set(base, n + 1);
    const id = n === 1 ? base : `${base}-${n}`;
    elements.set(id, f.el);
    blocks.push({ id, kind: f.kind, text, reason: f.reason, rule: f.rule, ...(keep.has(id) ? { kept: true } : {}) });
  }
  const decideMs = now() - td;

  const hiddenEls = new Set(blocks.filter((b) => !b.kept).map((b) => elements.get(b.id)!));
  const report: Report = {
    ...empty,
    // Rules for every site (ANY_SITE) do not make a page an article; rules for its own site do.
    isArticle: sites.some((s) => s.host !== ANY_SITE) || article.proseChars >= MIN_ARTICLE_CHARS,
    site: sites.find((s) => s.host !== ANY_SITE)?.host ?? null,
    title: article.title,
    byline: article.byline,
    text: cleanArticle(article, hiddenEls, ctx),
    blocks,
    timings: { readability: readabilityMs, find: findMs, decide: decideMs, total: 0 },
    ...(notes.length ? { notes } : {}),
  };
  report.timings.total = now() - t0;
  return { report, elements, article: article.content };
}

/** A pull quote repeats a sentence of the article; shorter quotes can repeat by chance. */
const MIN_PULL_QUOTE_CHARS = 30;
/** The quote's opening this long must be found twice in the article (its own copy and the sentence). */
const QUOTE_PROBE_CHARS = 60;
/** Quote marks, dashes and spaces around a quote's words. */
const QUOTE_EDGES = /^[\s"'“”‘’«»„‚—–-]+|[\s"'“”‘’«»„‚.…]+$/g;

/**
 * A pull quote: a quote box whose words the article prints again outside its quotes, in its own
 * paragraphs. It stays on the page and in the reader's markup; the article text has the sentence
 * once. (`quotesText`: the text of every quote of the article.)
 */
function isRepeatedQuote(el: Element, articleText: string, quotesText: string): boolean {
  const quote = collapse(el.textContent ?? '').replace(QUOTE_EDGES, '');
  if (quote.length < MIN_PULL_QUOTE_CHARS) return false;
  const probe = quote.slice(0, QUOTE_PROBE_CHARS);
  return occurrences(articleText, probe) > occurrences(quotesText, probe);
}

function occurrences(text: string, probe: string): number {
  let n = 0;
  for (let i = text.indexOf(probe); i >= 0; i = text.indexOf(probe, i + probe.length)) n++;
  return n;
}

/** Elements a page never shows: a rule or detector naming one (an ad slot's script) hides nothing. */
const NOT_SHOWN_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'LINK', 'META']);
const FIGURE_TAGS = new Set(['FIGURE', 'FIGCAPTION']);
const FIGURE_WORDS = new Set(['caption', 'credit', 'figcaption', 'copyright']);
/** A note under an image ("(Credit: …)", "Photo: …") is a line; more is a paragraph that starts with an image. */
const MAX_IMAGE_NOTE_CHARS = 200;
const NOTE_TAGS = new Set(['EM', 'I', 'SMALL', 'SPAN', 'CITE']);

/** The only text of a paragraph that starts with an image: `<p><img><br><em>(Credit: …)</em></p>`. */
function isImageNote(ctx: DetectorContext, el: Element): boolean {
  if (!NOTE_TAGS.has(el.tagName) || ctx.len(el) > MAX_IMAGE_NOTE_CHARS) return false;
  const parent = el.parentElement;
  if (!parent || ctx.len(parent) !== ctx.len(el)) return false;
  let prev = el.previousElementSibling;
  while (prev && prev.tagName === 'BR') prev = prev.previousElementSibling;
  if (!prev) return false;
  return prev.tagName === 'IMG' || prev.tagName === 'PICTURE' || (prev.tagName === 'A' && ctx.len(prev) === 0 && prev.querySelector('img, picture') !== null);
}
/** A box of an image and its caption and credit lines holds no more text than this. */
const MAX_IMAGE_BOX_CHARS = 300;

/** Boxes whose short lines beside an image are content: table rows and cells, list items, quotes with their author's photo. */
const NOT_IMAGE_BOX = new Set(['TR', 'TD', 'TH', 'LI', 'DD', 'BLOCKQUOTE']);

/**
 * A line in an image's own box, without figure markup: `<div><picture/><div>caption</div><div>credit</div></div>`.
 * The box starts with the image and holds nothing but it and a few short lines.
 */
function inImageBox(ctx: DetectorContext, el: Element): boolean {
  const parent = el.parentElement;
  if (!parent || ctx.len(el) > MAX_IMAGE_NOTE_CHARS || ctx.len(parent) > MAX_IMAGE_BOX_CHARS) return false;
  if (NOT_IMAGE_BOX.has(parent.tagName) || parent.closest('blockquote')) return false;
  // Its lines are elements of their own: text of the box's own is a paragraph that opens with an image.
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && (n.nodeValue ?? '').trim()) return false;
  const first = parent.firstElementChild;
  if (!first || first === el || ctx.len(first) > 0) return false;
  return first.tagName === 'PICTURE' || first.tagName === 'IMG' || first.querySelector('img, picture') !== null;
}

/** A video player's own text (its title, duration, "2 hours ago") is a few lines. */
const MAX_PLAYER_CHARS = 400;
/** A player's title sits a few levels inside its box. */
const MAX_PLAYER_DEPTH = 6;

/**
 * A caption or credit outside <figure> markup, told by its class or id (`InlineImage-imageEmbedCaption`,
 * `copyright`), or by standing alone under an image.
 */
function isFigureText(ctx: DetectorContext, el: Element): boolean {
  if (isImageNote(ctx, el) || inImageBox(ctx, el)) return true;
  // Readability rebuilds some wrappers (a div of text becomes a new <p>), so a player's own
  // element may have no live twin: its title and duration are told by the player around them.
  for (let a = el.parentElement, i = 0; a && i < MAX_PLAYER_DEPTH; a = a.parentElement, i++) {
    if (ctx.named(a, /player/i) && isPlayer(ctx, a)) return true;
  }
  if (!ctx.named(el, /caption|credit|copyright|player/i)) return false;
  for (const w of ctx.words(el)) {
    if (FIGURE_WORDS.has(w)) return true;
  }
  return isPlayer(ctx, el);
}

/** A video player's box: named so, short, and no article prose in it. */
function isPlayer(ctx: DetectorContext, el: Element): boolean {
  if (ctx.len(el) > MAX_PLAYER_CHARS || !ctx.named(el, /player/i) || ctx.touchesProse(el)) return false;
  return ctx.words(el).includes('player');
}

/** A byline, a dateline or an author's bio is a few lines; longer, it is article text in a box. */
const MAX_META_CHARS = 900;
/** ... and a small part of the article: a box holding more is the article under an odd name. */
const MAX_META_SHARE = 0.25;
/** Class and id words of an article's metadata: who wrote it, when, about the author, how many comments. */
const META_HINT = /author|byline|date|timestamp|publish|meta|comment/i;
const META_WORDS = /^(?:author|authors|byline|bylines|dateline|timestamp|published|publishdate|authorprofile|authorbio|authorinfo|authorbox|postmeta|entrymeta|nocomments|commentcount)$/;
/** A comment section's notice is a line; a comment can be as short, but it sits in a block of its own (author, date, text). */
const MAX_COMMENT_NOTICE_CHARS = 150;
const COMMENT_WORDS = /^(?:comments?|kommentare?|comentarios?|commentaires?|akismet|respond)$/;
const COMMENT_HINT = /comment|kommentar|comentario|akismet|respond/i;
/** Two-word names of the line under a post's title or after it: "entry-meta", "post-info", "article__date", "comments-link". */
const META_PAIRS = /\b(?:entry|post|article) (?:meta|info|details|date)\b|\bcomments? (?:link|count|number)s?\b/;

/**
 * An article's metadata block (byline, dateline, author bio), told by its class or id and its
 * size: on the page and in the reader view, not in the running text (Readability reports the byline
 * apart too).
 */
function isMetaText(ctx: DetectorContext, el: Element): boolean {
  if (!ctx.named(el, META_HINT)) return false;
  const len = ctx.len(el);
  const { root, main, proseChars } = ctx.article;
  if (len > MAX_META_CHARS || len > proseChars * MAX_META_SHARE) return false;
  if ((root && el.contains(root)) || (main && el.contains(main))) return false;
  const words = ctx.words(el);
  return words.some((w) => META_WORDS.test(w)) || META_PAIRS.test(words.join(' '));
}

/** How far up from a line the name of the small box it sits in is read (a comment box, a rating widget). */
const NAMED_BOX_LEVELS = 2;

/**
 * The small box named so (`hint` a quick test of the raw name, `words` of one of its name's words)
 * that holds `el`: `el` itself or an ancestor up to NAMED_BOX_LEVELS up, none of them holding more
 * than `maxChars` of text. Null when there is none.
 */
function smallNamedBox(ctx: DetectorContext, el: Element, maxChars: number, hint: RegExp, words: RegExp): Element | null {
  let a: Element | null = el;
  for (let i = 0; a && a !== ctx.body && i <= NAMED_BOX_LEVELS; i++, a = a.parentElement) {
    if (ctx.len(a) > maxChars) return null;
    if (ctx.namedWord(a, hint, words)) return a;
  }
  return null;
}

/**
 * A comment section's notice ("Comments are closed", "No comments", "You are not logged in", the
 * spam filter's privacy line): a line in a small box named for comments, neither the box nor its
 * parent one of a run of such boxes (a comment's body inside the comment's box). Reader comments
 * and a live commentary's posts come in runs, or sit with their author and date in a larger box.
 */
function isCommentNotice(ctx: DetectorContext, el: Element): boolean {
  const box = smallNamedBox(ctx, el, MAX_COMMENT_NOTICE_CHARS, COMMENT_HINT, COMMENT_WORDS);
  return !!box && !repeatedItem(box) && !(box.parentElement && repeatedItem(box.parentElement));
}

/** A control's label is a word or three ("Show image", "Hide sources"). */
const MAX_CONTROL_LABEL_CHARS = 30;
const TOGGLE_HINT = /toggle/i;
const TOGGLE_WORDS = new Set(['toggle']);

/**
 * The label of a control that shows or hides part of the page (`image-toggle__open`,
 * `citation__toggle`): a few words in an element named a toggle, not the article's text.
 */
function isControlLabel(ctx: DetectorContext, el: Element): boolean {
  return ctx.len(el) <= MAX_CONTROL_LABEL_CHARS && ctx.namedWord(el, TOGGLE_HINT, TOGGLE_WORDS);
}

/** A rating widget ("Rate this article", stars) holds a line of text at most. */
const MAX_RATING_CHARS = 80;
const RATING_HINT = /rat(?:e|ing)|bewert|valora/i;
const RATING_WORDS = /^(?:rate|rating|ratings|bewertung|bewertungen|valoracion)$/;

/** A line of a rating widget ("Rate this article", "Valora esta noticia"): in a small box named so. */
function isRatingLine(ctx: DetectorContext, el: Element): boolean {
  return smallNamedBox(ctx, el, MAX_RATING_CHARS, RATING_HINT, RATING_WORDS) !== null;
}

/** A table of contents is links to the article's own sections, under a title of a few words. */
const MIN_TOC_LINK_DENSITY = 0.5;
const TOC_HINT = /toc|contents/i;
const TOC_WORDS = /^(?:toc|tableofcontents)$/;

/**
 * The article's table of contents (`ez-toc-container`, `table-of-contents`): navigation through the
 * article, not its text. Named so, and mostly links, or its title (named so too).
 */
function isContents(ctx: DetectorContext, el: Element): boolean {
  if (!ctx.named(el, TOC_HINT)) return false;
  const words = ctx.words(el);
  if (!words.some((w) => TOC_WORDS.test(w)) && !/\btable of contents\b/.test(words.join(' '))) return false;
  // (A heading's anchor named for the table of contents, `ez-toc-section`, is the article's own heading.)
  return (ctx.len(el) <= MAX_CONTROL_LABEL_CHARS && words.includes('title')) || ctx.linkDensity(el) >= MIN_TOC_LINK_DENSITY;
}

/** One of a run of siblings of the same tag and class (a list's entries: comments, a live commentary's posts). */
function repeatedItem(el: Element): boolean {
  const cls = el.getAttribute('class');
  if (!cls) return false;
  for (const sib of Array.from(el.parentElement?.children ?? [])) {
    if (sib !== el && sib.tagName === el.tagName && sib.getAttribute('class') === cls) return true;
  }
  return false;
}

/** How many of Readability's paragraphs each element holds (only elements holding some). */
function countParagraphs(article: ArticleInfo): Map<Element, number> {
  const counts = new Map<Element, number>();
  for (const p of article.paragraphs) for (let a: Element | null = p; a; a = a.parentElement) counts.set(a, (counts.get(a) ?? 0) + 1);
  return counts;
}

/** Never remove content: the body, the article, and blocks holding article prose are refused. */
function refuse(el: Element, body: Element, article: ArticleInfo, touchesProse: (el: Element) => boolean, paragraphsIn: Map<Element, number>): boolean {
  if (el === body || !body.contains(el) || el.tagName === 'MAIN' || el.tagName === 'BODY') return true;
  if (article.root && el.contains(article.root)) return true;
  if (article.main && el.contains(article.main)) return true;
  if (touchesProse(el)) return true;
  // Short or unusual articles may have no prose runs: then half of Readability's paragraphs is the article.
  const inside = paragraphsIn.get(el) ?? 0;
  return inside > 0 && inside * 2 >= article.paragraphs.size;
}

/**
 * Takes the hidden blocks out of Readability's article (its detached copy, never the page) and
 * returns the article's text as its publisher wrote it, one paragraph a line: figures (an image's
 * caption and credit) and its metadata (byline, dateline, the author's bio) are not running text,
 * so the text leaves them out while the markup keeps them.
 */
function cleanArticle(article: ArticleInfo, hidden: Set<Element>, ctx: DetectorContext): string {
  const content = article.content;
  if (!content) return '';
  const isHidden = new Map<Element, boolean>();
  // Hidden itself or inside a hidden block: read up the ancestors in a loop (a page may nest deeper
  // than the call stack goes), then every element passed on the way gets the answer.
  const check = (el: Element | null): boolean => {
    const passed: Element[] = [];
    let v = false;
    for (let e = el; e; e = e.parentElement) {
      const known = isHidden.get(e);
      if (known !== undefined) {
        v = known;
        break;
      }
      passed.push(e);
      if (hidden.has(e)) {
        v = true;
        break;
      }
    }
    for (const e of passed) isHidden.set(e, v);
    return v;
  };
  if (hidden.size > 0) {
    for (const el of Array.from(content.querySelectorAll('*'))) {
      const live = article.liveOf(el);
      if (live && check(live)) el.remove();
    }
  }
  let texts: { whole: string; quotes: string } | null = null;
  const repeated = (el: Element) => {
    texts ??= {
      whole: collapse(content.textContent ?? ''),
      quotes: Array.from(content.getElementsByTagName('blockquote'), (q) => collapse(q.textContent ?? '')).join('\n'),
    };
    return isRepeatedQuote(el, texts.whole, texts.quotes);
  };
  const notText = (el: Element): boolean => {
    // A <figure> around a table or a code listing is content in figure markup; its caption is not.
    if (el.tagName === 'FIGURE' ? !el.querySelector('table, pre') : FIGURE_TAGS.has(el.tagName)) return true;
    if (el.tagName === 'BLOCKQUOTE' && repeated(el)) return true;
    const live = article.liveOf(el);
    return !!live && (isFigureText(ctx, live) || isMetaText(ctx, live) || isCommentNotice(ctx, live) || isControlLabel(ctx, live) || isContents(ctx, live) || isRatingLine(ctx, live));
  };
  const skipped = new Map<Element, boolean>();
  const skip = (el: Element): boolean => {
    let v = skipped.get(el);
    if (v === undefined) {
      v = notText(el);
      skipped.set(el, v);
    }
    return v;
  };
  const orphans = orphanHeadings(content, skip);
  return blockText(content, { skip: (el) => skip(el) || orphans.has(el) });
}

const HEADING_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6']);

/**
 * Headings with no text of the article under them: followed by another heading or by the end of
 * the article. What they headed (a list of other stories, a form, a gallery) went as chrome; the
 * label ("More on this", "Contact") is left without it and is not the article's text.
 */
function orphanHeadings(content: Element, skip: (el: Element) => boolean): Set<Element> {
  const orphans = new Set<Element>();
  let open: Element | null = null; // the last heading, until text follows it
  // Depth first with a stack of its own (a page may nest deeper than the call stack goes): the next
  // child to read at each level.
  const stack: (ChildNode | null)[] = [content.firstChild];
  while (stack.length) {
    const child = stack[stack.length - 1];
    if (!child) {
      stack.pop();
      continue;
    }
    stack[stack.length - 1] = child.nextSibling;
    if (child.nodeType === 3) {
      if (open && (child.nodeValue ?? '').trim()) open = null;
    } else if (child.nodeType === 1) {
      const el = child as Element;
      if (skip(el)) continue;
      if (HEADING_TAGS.has(el.tagName.toUpperCase())) {
        if (open) orphans.add(open);
        open = (el.textContent ?? '').trim() ? el : null;
        continue;
      }
      stack.push(el.firstChild);
    }
  }
  if (open) orphans.add(open);
  return orphans;
}

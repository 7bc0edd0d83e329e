/**
 * Learning a site's rules from pages of it (`npm run learn`, scripts/learn.ts), in two steps; a
 * digest is plain data, so that a learner in the browser can keep digests in place of pages:
 *
 *   digest   one page, analyzed as the extension would (detectors only, no site rules) and read by
 *            Readability for its article. What the page offers ("targets"): the blocks the
 *            detectors hide, the blocks whose class names say what they are (`c-newsletterSignup`),
 *            and the template candidates: blocks in or beside the article (between its paragraphs,
 *            right after it, in its sidebar; never the site's navigation, masthead or footer, never
 *            the article's furniture), each with a signature of its normalized text and structure.
 *            Each target gets the stable, readable selectors of lib/selector.ts (a `:has-text()`
 *            rule for a block no class names). Then every selector (the page's own, and those of
 *            the site's other pages: `probes`) is checked on the page: what it matches, whether it
 *            would hide article text. A digest is plain data, a few kilobytes: the extension keeps
 *            digests, never pages.
 *   learn    the digests of two or more pages. A template candidate whose signature recurs on two
 *            or more pages whose articles differ is a template block: its kind is its class names'
 *            or `promo` (the site promoting itself). An article paragraph that recurs so is the
 *            site's tagline, not article text. Every selector is then judged on the digests:
 *
 *   kind        each element it matches votes for the kind of the block it is (or wraps, or is the
 *               only content of), else for none; an element holding blocks of another kind is a
 *               region, not one block, and votes none
 *   support     the pages where it matches an element of its kind; at least `minShare` of the
 *               pages checked (default: more than half), and two when only class names or
 *               recurrence speak for it
 *   agreement   the share of its matches that vote for its kind (at least MIN_AGREEMENT)
 *   confidence  support / pages checked × agreement: 1 when it names a block of one kind on every page
 *   safety      a selector matching an article paragraph, an element holding one or inside one, the
 *               article's container or its furniture on any page is rejected, and the rejection is
 *               reported
 *
 * Selectors are proposed in tiers (see TIERS): the block's own names, then under an ancestor for
 * context, then the same for the part of the block that carries its text, then text rules; a tier
 * is tried only for the targets the tiers before could not name. From the selectors that pass,
 * rules are picked greedily: the one covering most targets not yet covered (ties: higher
 * confidence, the earlier tier, a name that says the kind, the outer element, the shorter), until
 * nothing new is covered.
 *
 * Pure DOM code: the pages are already-parsed documents (linkedom or a browser).
 */
import { emptyArticle, type ArticleInfo } from '../engine/article/article';
import { findFurniture } from '../engine/article/furniture';
import { indexPage, type PageIndex } from '../engine/page/index';
import { analyze } from '../engine/analyze';
import { collapse, hash, nameWords, textOf } from '../engine/page/dom';
import { hostMatches, hostOf, pageUrl, siteKey } from '../engine/page/url';
import { selectRule } from '../engine/find/site-rules';
import { selectorCandidates } from './selector';
import { KINDS, type Kind, type RuleEvidence, type SiteRule } from '../engine/types';
// Class words → kind: the engine's one vocabulary (lib/engine/vocab/kinds.ts); a name with words of two kinds says nothing.
import { kindOfName } from '../engine/index';

export interface LearnSample {
  /** How the sample is named in the rules' evidence (a path relative to the corpus, say). */
  name: string;
  doc: Document;
  /** The page's address, when the document does not declare it (canonical link or og:url). */
  url?: string;
}

export interface LearnOptions {
  /** The site: `cnbc.com` (a leading `www.` is dropped); every sample must be a page of it. */
  host: string;
  /**
   * Share of the samples a rule must match on, in (0, 1]. The default asks for more than half. A
   * lower share lets a site whose samples span several templates keep each template's blocks.
   */
  minShare?: number;
  /** What to write as the rules' `source` (the command that produced them). */
  source?: string;
}

/** A learned rule: a site rule with its evidence and confidence always set. */
export interface LearnedRule {
  kind: Kind;
  selector: string;
  /** Only elements whose text holds this (a block no class names: the site's tagline in a plain paragraph). */
  hasText?: string;
  reason: string;
  samples: string[];
  confidence: number;
  evidence: RuleEvidence[];
  /** Who named the block, for developers: "found by the related detector on 2", "named \"trending\" in its class", "repeated on 3 pages". */
  foundBy: string;
}

/** A selector that named boilerplate but would hide article text on a sample. */
export interface RejectedSelector {
  selector: string;
  hasText?: string;
  kind: Kind;
  why: string;
  sample: string;
}

/** A site rule file (lib/sites/) with the rejected selectors beside it. */
export interface LearnedSite {
  host: string;
  source: string;
  rules: LearnedRule[];
  rejected: RejectedSelector[];
}

export interface LearnResult {
  site: LearnedSite;
  /** Things worth knowing that did not stop the learning (a sample that declares no address). */
  warnings: string[];
}

/** Bad input: too few samples, a page of another site, an unusable option. */
export class LearnError extends Error {}

/** Learning is comparing: one page cannot tell the site's template from the article. */
export const MIN_SAMPLES = 2;
/**
 * A rule whose only evidence is class names must show on this many samples: one page's class
 * name could be a one-off; the same name on two pages is the template.
 */
export const MIN_NAMED_SUPPORT = 2;
/**
 * At least this share of a selector's matches must be blocks of its kind. Lower, and the class
 * names something broader (a sidebar widget, a page row) that also holds other things.
 */
export const MIN_AGREEMENT = 0.8;
/**
 * A wrapper adding at most this much text to a detector's block (a label, a "×") is the same
 * slot; so is a sole child losing at most this much. Like related.ts's WRAPPER_SLACK_CHARS.
 */
export const SLOT_SLACK_CHARS = 40;
/**
 * A block named like boilerplate but longer than this holds content (a whole column, a story
 * list with excerpts is less): class names alone do not make it a block.
 */
export const MAX_NAMED_BLOCK_CHARS = 4000;
/**
 * A template candidate has at least this much text. Shorter recurring text is a label ("Share",
 * "Advertisement", "Topics") that the detectors judge with its block, or too little to tell a
 * template from a coincidence.
 */
export const MIN_TEMPLATE_CHARS = 20;
/**
 * A template candidate has at most this much text: a sign-up box, a tagline, a promotion is short;
 * a longer recurring block is a sidebar section the detectors judge (a story list changes anyway).
 */
export const MAX_TEMPLATE_CHARS = 1500;
/**
 * The article's surroundings: template candidates are looked for under the article's container's
 * ancestor this many levels up (its column, its sidebar beside it), not over the whole page.
 */
export const TEMPLATE_SCOPE_LEVELS = 3;
/**
 * An article paragraph this long at most may be the site's tagline (a sentence or two printed in
 * every article); a longer one is the article's own.
 */
export const MAX_TAGLINE_CHARS = 300;
/** A box holding at most this many article paragraphs may be a template block (a pitch with a heading and a line or two). */
export const MAX_TEMPLATE_PARAGRAPHS = 2;
/** Below an outermost non-article block, its parts this many levels deep are candidates too (a box in a sidebar). */
export const TEMPLATE_PART_LEVELS = 3;
/** Template candidates per page, in page order: bounds a digest's size (see MAX_DIGEST_BYTES). */
export const MAX_TEMPLATE_CANDIDATES = 80;
/** A text rule's text: a run of the block's text at least this long (shorter says too little) … */
export const MIN_HAS_TEXT_CHARS = 20;
/** … and at most this long, cut at a word. */
export const MAX_HAS_TEXT_CHARS = 80;
/** Text a target keeps in a digest (what the popup shows of a learned rule's block). */
export const MAX_TARGET_TEXT = 80;
/** Matches of one selector recorded per page (the count is kept whole). */
export const MAX_PROBE_MATCHES = 20;
/** Selectors of the site's other pages checked on a new page (the site's memory, in the extension). */
export const MAX_PROBES = 250;
/**
 * A digest is at most about this large as JSON: a page with more targets keeps its first ones.
 * A learner in the browser would keep a few digests per site in place of the pages.
 */
export const MAX_DIGEST_BYTES = 60_000;
/** The version of the digest format: a stored digest of another version is dropped. */
export const DIGEST_VERSION = 1;

/**
 * Site navigation and the page footer: their "social" links are the site's own profiles. (A
 * share bar may sit in the masthead, which repeats it when the page scrolls.)
 */
const SITE_NAV = 'nav, footer, [role="navigation"], [role="contentinfo"]';
/** The site's chrome: never a template candidate (its masthead and menus recur on every page, and stay). */
const SITE_CHROME = `${SITE_NAV}, header, [role="banner"]`;
/** Elements that are parts of a line, not blocks: a template candidate is a block. */
const INLINE_TAGS = new Set(['A', 'SPAN', 'EM', 'STRONG', 'B', 'I', 'U', 'SMALL', 'LABEL', 'TIME', 'ABBR', 'CITE', 'CODE', 'SUB', 'SUP', 'BR']);
/** Elements that are no block of text at all. */
const NOT_BLOCK_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IMG', 'PICTURE', 'VIDEO', 'IFRAME', 'BUTTON', 'INPUT', 'SELECT']);

/** What a block is, and who says so. */
interface Verdict {
  kind: Kind;
  by: 'detector' | 'name';
  /** The detector's reason, or the class word. */
  why: string;
}

/** One target of a page, as data. */
export interface DigestTarget {
  /** What it is on this page: its detector's kind or its class names'; null for a template candidate, which only recurring can make a block. */
  kind: Kind | null;
  by: 'detector' | 'name' | 'template';
  why: string;
  /** Signature of its normalized text and structure (equal on two pages: the same template block). */
  sig: string;
  /** The start of its text. */
  text: string;
  /** Its class names say this kind (a template block's kind when it recurs). */
  named?: Kind;
  /** Candidate selectors by tier (see TIERS), as positions in the digest's `selectors`. */
  tiers: number[][];
}

/** One element a selector matches on a page. */
export interface DigestMatch {
  /** Its own verdict's kind, null when it has none or is a region (holds blocks of another kind). */
  k: Kind | null;
  /** Its verdict comes from a detector. */
  d?: 1;
  /** The verdict's reason or class word. */
  w?: string;
  /** Targets (indices) hiding it hides. */
  t: number[];
  /** Targets (indices) it is the same slot as: itself, a wrapper adding little, the part carrying its text. */
  s: number[];
  /** Kinds of the blocks it holds besides those it is. */
  r?: Kind[];
  /** Why hiding it would hide article text, if it would. */
  h?: string;
  /** The article paragraphs (signatures) behind `h`, when only paragraphs are: recurring ones are the site's tagline. */
  p?: string[];
}

/** What one selector matches on a page. */
export interface DigestProbe {
  /** Outermost matches. */
  n: number;
  /** The first MAX_PROBE_MATCHES of them. */
  m: DigestMatch[];
}

/** What one page contributes to learning: plain data, kept by the extension in place of the page. */
export interface PageDigest {
  v: typeof DIGEST_VERSION;
  /** The sample's name (a path, or the page's address). */
  name: string;
  url: string;
  /** Signature of the article's text: two digests with the same one are the same article. */
  article: string;
  /** Signatures of the article's paragraphs. */
  paragraphs: string[];
  targets: DigestTarget[];
  /**
   * The selectors checked on this page (the site's probes and the targets' own), each once; a text
   * rule is written `selector\u0000text`. A selector that cannot be used, or did not fit, is not here.
   */
  selectors: string[];
  /** What each of `selectors` matches on this page. */
  probes: DigestProbe[];
}

/** One sample, analyzed. */
interface Page {
  name: string;
  url: string;
  body: Element;
  index: PageIndex;
  /** Detector blocks and the elements in the same slot (wrappers, sole children): their verdict. */
  slot: Map<Element, Verdict>;
  /** Elements whose class names say what they are (outside navigation and the footer). */
  named: Map<Element, Verdict>;
  /** Blocks a rule should hide: detector blocks, the outermost named blocks, then template candidates. */
  targets: Element[];
  /** Template candidates (a subset of `targets`) with their signatures. */
  sigs: Map<Element, string>;
  /** Article paragraphs (Readability's, and prose), with their signatures. */
  paragraphs: Map<Element, string>;
  /** Every element holding an article paragraph, with how many. */
  holding: Map<Element, number>;
  /** The article's container(s): a rule holding one would hide the article. */
  article: Element[];
  /** The article's furniture (headline, byline, date line, lead media, captions, key points). */
  furniture: Set<Element>;
  articleSig: string;
}

/**
 * Tiers of candidate selectors, in order of preference: the block's own name, with context; its
 * text-carrying part's own name, with context (see `relatives`); a text rule.
 */
const TIERS = 5;
const TEXT_TIER = 4;

/** A text rule as one string (a probe's key): the selector, a NUL, the text. */
export function probeKey(selector: string, hasText?: string): string {
  return hasText === undefined ? selector : `${selector}\u0000${hasText}`;
}
function splitKey(key: string): { selector: string; hasText?: string } {
  const i = key.indexOf('\u0000');
  return i < 0 ? { selector: key } : { selector: key.slice(0, i), hasText: key.slice(i + 1) };
}

/**
 * The signature of a block: its text (collapsed, lower case, numbers as 0: "3 min read" and
 * "5 min read" are one template) and the tags of its first elements.
 */
function signature(el: Element, text: string): string {
  const tags: string[] = [];
  const walk = (e: Element) => {
    if (tags.length >= 30) return;
    tags.push(e.tagName.toLowerCase());
    for (const c of Array.from(e.children)) walk(c);
  };
  walk(el);
  return hash(`${collapse(text).toLowerCase().replace(/\d+/g, '0')}|${tags.join(',')}`);
}

/** A run of a block's text fit for a text rule: its longest line, cut at a word, or null. */
export function textRuleOf(el: Element): string | null {
  const runs = (el.textContent ?? '')
    .split(/\s*\n\s*|\s{2,}|\t/)
    .map((s) => s.trim())
    .filter((s) => s.length >= MIN_HAS_TEXT_CHARS);
  if (runs.length === 0) return null;
  let run = runs.reduce((a, b) => (b.length > a.length ? b : a));
  if (run.length > MAX_HAS_TEXT_CHARS) {
    const cut = run.lastIndexOf(' ', MAX_HAS_TEXT_CHARS);
    run = run.slice(0, cut >= MIN_HAS_TEXT_CHARS ? cut : MAX_HAS_TEXT_CHARS);
  }
  // A leading slash would read as a regular expression.
  return run.startsWith('/') ? null : run;
}

function readPage(sample: LearnSample, url: string): Page {
  const doc = sample.doc;
  const body = doc.body as Element;
  // The engine's own index and reading of the page: a page Readability cannot read has no article to protect.
  const { report, elements, page: read } = analyze(doc, { url, sites: [] });
  const index: PageIndex = read?.index ?? indexPage(doc.body);
  const article: ArticleInfo = read?.article ?? emptyArticle();
  const len = (el: Element) => index.stats.get(el)?.len ?? 0;
  const paragraphs = new Map<Element, string>();
  for (const p of [...article.paragraphs, ...article.prose]) if (!paragraphs.has(p)) paragraphs.set(p, signature(p, textOf(p)));
  const holding = new Map<Element, number>();
  for (const p of paragraphs.keys()) for (let a: Element | null = p; a; a = a.parentElement) holding.set(a, (holding.get(a) ?? 0) + 1);
  const furniture = findFurniture({
    body,
    article,
    all: index.all,
    len,
    text: (el) => collapse(textOf(el)),
    words: (el) => nameWords(el),
  }).elements;

  // Detector blocks, and the elements that are the same slot: wrappers that add little text and
  // nothing else, and sole children that carry (nearly) all of it.
  const slot = new Map<Element, Verdict>();
  const flagged: Element[] = [];
  for (const b of report.blocks) {
    const el = elements.get(b.id);
    if (!el) continue;
    const v: Verdict = { kind: b.kind, by: 'detector', why: b.reason };
    flagged.push(el);
    slot.set(el, v);
  }
  // Beside the slot's content, a wrapper holds at most decoration: no link, no picture, no frame.
  const decoration = (c: Element) => !/^(?:A|IMG|PICTURE|VIDEO|IFRAME)$/.test(c.tagName) && !c.querySelector('a[href], img, picture, video, iframe');
  for (const el of flagged) {
    const v = slot.get(el)!;
    for (let p = el.parentElement, inner: Element = el; p && p !== body; inner = p, p = p.parentElement) {
      if (slot.has(p) || holding.has(p) || len(p) - len(el) > SLOT_SLACK_CHARS) break;
      if (!Array.from(p.children).every((c) => c === inner || decoration(c))) break;
      slot.set(p, v);
    }
    for (let c: Element | undefined = el; c;) {
      const kids: Element[] = Array.from(c.children);
      // An empty slot (an ad placeholder) has no child that carries its text: only a sole child is it.
      const next: Element | undefined = kids.length === 1 ? kids[0] : len(c) > 0 ? kids.find((k) => len(k) >= len(el) - SLOT_SLACK_CHARS) : undefined;
      if (!next || slot.has(next) || len(next) < len(el) - SLOT_SLACK_CHARS || !kids.every((k) => k === next || decoration(k))) break;
      slot.set(next, v);
      c = next;
    }
  }

  // Blocks named for what they are, small enough to be one block, off the article's text. In the
  // site's chrome (navigation, masthead, footer) a "newsletters" or "trending" name is a menu
  // link, and in navigation and the footer a "social" name is the site's profiles.
  const named = new Map<Element, Verdict>();
  for (const el of index.all) {
    const stat = index.stats.get(el);
    if (!stat?.name || stat.mute || holding.has(el) || stat.len > MAX_NAMED_BLOCK_CHARS) continue;
    const k = kindOfName(stat.name);
    if (!k) continue;
    if ((k.kind === 'newsletter' || k.kind === 'related') && stat.chrome) continue;
    if (k.kind === 'share' && el.closest(SITE_NAV)) continue;
    named.set(el, { kind: k.kind, by: 'name', why: `"${k.word}"` });
  }

  const targets: Element[] = [...flagged];
  const inFlagged = (el: Element) => flagged.some((f) => f.contains(el) || el.contains(f));
  for (const [el, v] of named) {
    let outer = true;
    for (let p = el.parentElement; p && outer; p = p.parentElement) if (named.get(p)?.kind === v.kind) outer = false;
    if (outer && !inFlagged(el) && !slot.has(el)) targets.push(el);
  }
  const main = [article.root, article.main].filter((e): e is Element => !!e);
  const page: Page = {
    name: sample.name,
    url,
    body,
    index,
    slot,
    named,
    targets,
    sigs: new Map(),
    paragraphs,
    holding,
    article: main,
    furniture,
    articleSig: hash([...paragraphs.keys()].map((p) => collapse(textOf(p))).join('\n')),
  };
  for (const el of templateCandidates(page)) {
    page.sigs.set(el, signature(el, textOf(el)));
    targets.push(el);
  }
  return page;
}

/**
 * Blocks in or beside the article that may be the site's template: its paragraphs (a tagline
 * printed in every article is one), and the blocks around them that hold none (a sign-up box
 * between paragraphs, a promotion after the article, a box in its sidebar) with their parts. Not
 * the site's chrome, not the article's furniture, nothing already a target, nothing inside one.
 */
function templateCandidates(page: Page): Element[] {
  const root = page.article[0];
  if (!root) return [];
  let scope: Element = root;
  for (let i = 0; i < TEMPLATE_SCOPE_LEVELS && scope.parentElement && scope.parentElement !== page.body; i++) scope = scope.parentElement;
  const len = (el: Element) => page.index.stats.get(el)?.len ?? 0;
  const taken = new Set(page.targets);
  const inTarget = (el: Element) => page.targets.some((t) => t.contains(el) || el.contains(t)) || page.slot.has(el);
  const furnished = (el: Element) => {
    for (let a: Element | null = el; a; a = a.parentElement) if (page.furniture.has(a)) return true;
    for (const f of page.furniture) if (el.contains(f)) return true;
    return false;
  };
  const inParagraph = (el: Element) => {
    for (let a = el.parentElement; a; a = a.parentElement) if (page.paragraphs.has(a)) return true;
    return false;
  };
  const fits = (el: Element) => {
    const tag = el.tagName.toUpperCase();
    const n = len(el);
    return (
      !INLINE_TAGS.has(tag) &&
      !NOT_BLOCK_TAGS.has(tag) &&
      !page.index.stats.get(el)?.mute &&
      n >= MIN_TEMPLATE_CHARS &&
      n <= MAX_TEMPLATE_CHARS &&
      !taken.has(el) &&
      !el.closest(SITE_CHROME) &&
      !inTarget(el) &&
      !furnished(el)
    );
  };
  // Above the article's first paragraph is its header (kicker, headline, byline, date line, lead
  // image, standfirst): the same byline on two pages is the same author, not the site's template.
  const first = page.index.all.find((el) => page.paragraphs.has(el));
  const order = new Map(page.index.all.map((el, i) => [el, i]));
  const start = first ? order.get(first)! : Infinity;
  const out: Element[] = [];
  const add = (el: Element) => {
    if (out.length < MAX_TEMPLATE_CANDIDATES && (order.get(el) ?? -1) >= start && fits(el) && !out.includes(el)) out.push(el);
  };
  const parts = (el: Element, depth: number) => {
    if (depth > TEMPLATE_PART_LEVELS) return;
    for (const c of Array.from(el.children)) {
      add(c);
      parts(c, depth + 1);
    }
  };
  const walk = (el: Element) => {
    for (const c of Array.from(el.children)) {
      if (out.length >= MAX_TEMPLATE_CANDIDATES) return;
      if (page.paragraphs.has(c)) {
        if (!inParagraph(c) && len(c) <= MAX_TAGLINE_CHARS) add(c);
        continue;
      }
      const held = page.holding.get(c);
      if (held) {
        // A box holding a line Readability took for a paragraph (a membership pitch) may be the template's too.
        if (held <= MAX_TEMPLATE_PARAGRAPHS) add(c);
        walk(c);
        continue;
      }
      add(c);
      parts(c, 1);
    }
  };
  walk(scope);
  return out;
}

/**
 * The elements that stand for a target: the whole block (itself and the wrappers of its slot),
 * and its parts that carry its text (the slot inside it, the named blocks of its kind).
 */
function relatives(page: Page, t: Element): [Element[], Element[]] {
  const whole = [t];
  const part: Element[] = [];
  const v = page.slot.get(t);
  if (v) for (const [e, w] of page.slot) if (w === v && e !== t) (e.contains(t) ? whole : part).push(e);
  const kind = verdictOf(page, t)?.kind;
  if (kind) for (const [e, w] of page.named) if (w.kind === kind && e !== t && t.contains(e) && hides(page, e, t) && !part.includes(e)) part.push(e);
  // Outer first: of two names for the same block, the one that hides all of it (its label too).
  const depth = (e: Element) => {
    let d = 0;
    for (let a = e.parentElement; a; a = a.parentElement) d++;
    return d;
  };
  const outerFirst = (a: Element, b: Element) => depth(a) - depth(b);
  return [whole.sort(outerFirst), part.sort(outerFirst)];
}

/** What an element of a page is: its slot's detector verdict, else its name's, else null. */
function verdictOf(page: Page, el: Element): Verdict | null {
  return page.slot.get(el) ?? page.named.get(el) ?? null;
}

/** The kinds of the detector and named blocks an element holds (not counting itself). */
function heldKinds(page: Page, el: Element): Kind[] {
  const out = new Set<Kind>();
  for (const t of page.targets) {
    if (t === el || !el.contains(t)) continue;
    const v = verdictOf(page, t);
    if (v) out.add(v.kind);
  }
  for (const [n, v] of page.named) if (n !== el && el.contains(n)) out.add(v.kind);
  return [...out];
}

/**
 * Hiding `el` hides target `t`: it is `t`, holds it, is the same slot, or is the part of `t` that
 * carries (nearly) all of its text (the slot inside an empty ad container, say).
 */
function hides(page: Page, el: Element, t: Element): boolean {
  if (el === t || el.contains(t)) return true;
  if (page.slot.has(el) && page.slot.get(el) === page.slot.get(t)) return true;
  const len = (e: Element) => page.index.stats.get(e)?.len ?? 0;
  return t.contains(el) && len(el) >= len(t) - SLOT_SLACK_CHARS;
}

/** `el` is target `t`'s slot: `t` itself, a wrapper adding little, or the part carrying its text. */
function isSlotOf(page: Page, el: Element, t: Element): boolean {
  if (el === t) return true;
  const len = (e: Element) => page.index.stats.get(e)?.len ?? 0;
  if (el.contains(t)) return len(el) - len(t) <= SLOT_SLACK_CHARS && !heldKinds(page, el).some((k) => k !== verdictOf(page, t)?.kind);
  return hides(page, el, t);
}

/** Why hiding `el` would hide article text, and the paragraphs it would hide when only paragraphs, or null. */
function harm(page: Page, el: Element): { why: string; paragraphs?: string[] } | null {
  const sig = page.paragraphs.get(el);
  if (sig) return { why: 'it matches an article paragraph', paragraphs: [sig] };
  // Holding the article's container or its furniture, it hides the article whatever its paragraphs are.
  const whole = page.article.some((a) => el.contains(a));
  let furnished = false;
  for (let a: Element | null = el; a && !furnished; a = a.parentElement) furnished = page.furniture.has(a);
  for (const f of page.furniture) if (!furnished && el.contains(f)) furnished = true;
  const held = page.holding.get(el);
  if (held) {
    const sigs: string[] = [];
    for (const [p, s] of page.paragraphs) if (el.contains(p)) sigs.push(s);
    return { why: `it matches an element holding ${held} article paragraph${held === 1 ? '' : 's'}`, ...(whole || furnished ? {} : { paragraphs: sigs }) };
  }
  for (let a = el.parentElement; a; a = a.parentElement) {
    const s = page.paragraphs.get(a);
    if (s) return { why: 'it matches an element inside an article paragraph', paragraphs: [s] };
  }
  if (whole) return { why: "it matches the article's container" };
  if (furnished) return { why: "it matches the article's furniture (headline, byline, date line, lead image, a caption, key points) or holds it" };
  return null;
}

/** The outermost elements of the body a selector (or text rule) matches, or null when it cannot be used. */
function outermost(body: Element, key: string): Element[] | null {
  const { selector, hasText } = splitKey(key);
  let list: Element[];
  try {
    list = selectRule(body, { kind: 'promo', selector, reason: '', ...(hasText === undefined ? {} : { hasText }) });
  } catch {
    return null;
  }
  const set = new Set(list);
  return list.filter((el) => {
    for (let p = el.parentElement; p && p !== body; p = p.parentElement) if (set.has(p)) return false;
    return true;
  });
}

/** What a selector matches on a page, as data. Null: it cannot be used (it does not parse, it costs too much). */
function probe(page: Page, key: string): DigestProbe | null {
  const els = outermost(page.body, key);
  if (els === null) return null;
  const m: DigestMatch[] = [];
  for (const el of els.slice(0, MAX_PROBE_MATCHES)) {
    const v = verdictOf(page, el);
    const held = heldKinds(page, el);
    const region = v ? held.some((k) => k !== v.kind) : false;
    const match: DigestMatch = { k: v && !region ? v.kind : null, t: [], s: [] };
    if (v?.by === 'detector' && !region) match.d = 1;
    if (v && !region) match.w = v.why;
    if (held.length) match.r = held;
    page.targets.forEach((t, ti) => {
      if (!hides(page, el, t)) return;
      match.t.push(ti);
      if (page.sigs.has(t) && isSlotOf(page, el, t)) match.s.push(ti);
    });
    const hurt = harm(page, el);
    if (hurt) {
      match.h = hurt.why;
      if (hurt.paragraphs) match.p = hurt.paragraphs;
    }
    m.push(match);
  }
  return { n: els.length, m };
}

/** A selector naming something by class, id or attribute (a bare `aside` or `form` names too much); a text rule may be a bare tag. */
function isSpecific(key: string): boolean {
  const { selector, hasText } = splitKey(key);
  return hasText !== undefined || /[#.[]/.test(selector);
}

/** The candidate selectors of a page's targets, by tier. */
function tiersOf(page: Page): string[][][] {
  return page.targets.map((t) => {
    const [whole, part] = relatives(page, t);
    const names = (els: Element[]) => {
      const own: string[] = [];
      const context: string[] = [];
      for (const e of els) {
        const c = selectorCandidates(e);
        own.push(...c.own);
        context.push(...c.context);
      }
      return [[...new Set(own)].filter(isSpecific), [...new Set(context)].filter(isSpecific)];
    };
    const tiers = [...names(whole), ...names(part), [] as string[]];
    // A template candidate may have no name of its own (a tagline in a plain paragraph): its text names it.
    if (page.sigs.has(t)) {
      const text = textRuleOf(t);
      if (text) {
        const tag = t.tagName.toLowerCase();
        const ctx: string[] = [];
        for (let a = t.parentElement, i = 0; a && a !== page.body && i < TEMPLATE_SCOPE_LEVELS; a = a.parentElement, i++) {
          const name = selectorCandidates(a).own.find(isSpecific);
          if (name) ctx.push(`${name} ${tag}`);
        }
        // Only a text rule naming this block alone: a `div` holding the text may be the whole column too.
        tiers[TEXT_TIER] = [...ctx.slice(0, 2), tag]
          .map((s) => probeKey(s, text))
          .filter((k) => {
            const els = outermost(page.body, k);
            return els?.length === 1 && els[0] === t;
          });
      }
    }
    return tiers;
  });
}

/** One page's digest: its targets and what each selector (its own, and `probes`) matches on it. */
function digestOf(page: Page, tiers: string[][][], probes: readonly string[], maxBytes: number): PageDigest {
  const targets: DigestTarget[] = page.targets.map((t) => {
    const v = verdictOf(page, t);
    const sig = page.sigs.get(t);
    const named = sig ? kindOfName(page.index.stats.get(t)?.name ?? '') : null;
    return {
      kind: v?.kind ?? null,
      by: v?.by ?? 'template',
      why: v?.why ?? '',
      sig: sig ?? '',
      text: collapse(textOf(t)).slice(0, MAX_TARGET_TEXT),
      ...(named ? { named: named.kind } : {}),
      tiers: [],
    };
  });
  const digest: PageDigest = {
    v: DIGEST_VERSION,
    name: page.name,
    url: page.url,
    article: page.articleSig,
    paragraphs: [...new Set(page.paragraphs.values())],
    targets,
    selectors: [],
    probes: [],
  };
  // The site's selectors first (they decide whether what other pages showed is safe here), then
  // the page's own, tier by tier: when the digest is full, the last tiers are left out.
  const own: string[] = [];
  for (let rank = 0; rank < TIERS; rank++) for (const t of tiers) own.push(...(t[rank] ?? []));
  const at = new Map<string, number>();
  let bytes = JSON.stringify(digest).length + targets.length * TIERS * 3;
  for (const key of [...probes, ...own]) {
    if (at.has(key)) continue;
    const p = probe(page, key);
    if (!p) continue;
    const size = JSON.stringify(key).length + JSON.stringify(p).length + 2;
    if (bytes + size > maxBytes) break;
    bytes += size;
    at.set(key, digest.selectors.length);
    digest.selectors.push(key);
    digest.probes.push(p);
  }
  targets.forEach((t, i) => {
    t.tiers = tiers[i].map((tier) => tier.filter((key) => at.has(key)).map((key) => at.get(key)!));
    bytes += JSON.stringify(t.tiers).length;
  });
  return digest;
}

/**
 * A page's digest: what it contributes to learning its site's rules. `probes`: selectors of the
 * site's other pages (`probesOf`) to check on this one.
 */
export function digestPage(sample: LearnSample, probes: readonly string[] = []): PageDigest {
  const url = pageUrl(sample.doc, sample.url);
  const page = readPage(sample, url);
  return digestOf(page, tiersOf(page), probes.slice(0, MAX_PROBES), MAX_DIGEST_BYTES);
}

/**
 * The selectors a new page of the site should be checked against: those of the digests' targets,
 * the recurring ones first, then detector and named blocks, then the rest, MAX_PROBES at most.
 */
export function probesOf(digests: readonly PageDigest[]): string[] {
  const recurring = recurringSigs(digests).blocks;
  const first: string[] = [];
  const second: string[] = [];
  const rest: string[] = [];
  for (const d of digests)
    for (const t of d.targets) {
      const to = t.sig && recurring.has(t.sig) ? first : t.kind ? second : rest;
      for (const tier of t.tiers) for (const i of tier) to.push(d.selectors[i]);
    }
  return [...new Set([...first, ...second, ...rest])].slice(0, MAX_PROBES);
}

/** Signatures on two or more pages whose articles differ: template blocks, and the site's recurring paragraphs. */
function recurringSigs(digests: readonly PageDigest[]): { blocks: Set<string>; paragraphs: Set<string> } {
  const count = (pick: (d: PageDigest) => Iterable<string>) => {
    const seen = new Map<string, Set<string>>();
    for (const d of digests)
      for (const s of pick(d)) {
        if (!s) continue;
        if (!seen.has(s)) seen.set(s, new Set());
        seen.get(s)!.add(d.article);
      }
    return new Set([...seen].filter(([, articles]) => articles.size >= MIN_SAMPLES).map(([s]) => s));
  };
  return {
    blocks: count((d) => d.targets.filter((t) => t.by === 'template').map((t) => t.sig)),
    paragraphs: count((d) => d.paragraphs),
  };
}

/** A digest read back from storage, or null when it is not one (another version, a corrupt value). */
export function sanitizeDigest(x: unknown): PageDigest | null {
  if (!x || typeof x !== 'object') return null;
  const d = x as Partial<PageDigest>;
  if (d.v !== DIGEST_VERSION || typeof d.name !== 'string' || typeof d.url !== 'string' || typeof d.article !== 'string') return null;
  if (!Array.isArray(d.paragraphs) || !d.paragraphs.every((s) => typeof s === 'string')) return null;
  if (!Array.isArray(d.targets) || !Array.isArray(d.selectors) || !d.selectors.every((k) => typeof k === 'string')) return null;
  if (!Array.isArray(d.probes) || d.probes.length !== d.selectors.length) return null;
  const k = d.selectors.length;
  const isKey = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < k;
  const isKind = (k: unknown): k is Kind => KINDS.includes(k as Kind);
  const n = d.targets.length;
  const isIndexList = (a: unknown) => Array.isArray(a) && a.every((i) => Number.isInteger(i) && i >= 0 && i < n);
  for (const t of d.targets) {
    if (!t || typeof t !== 'object') return null;
    if (!(t.kind === null || isKind(t.kind)) || !['detector', 'name', 'template'].includes(t.by)) return null;
    if (typeof t.why !== 'string' || typeof t.sig !== 'string' || typeof t.text !== 'string') return null;
    if (t.named !== undefined && !isKind(t.named)) return null;
    if (!Array.isArray(t.tiers) || !t.tiers.every((tier) => Array.isArray(tier) && tier.every(isKey))) return null;
  }
  for (const p of d.probes as unknown[]) {
    const probe = p as Partial<DigestProbe>;
    if (!probe || typeof probe !== 'object' || !Number.isInteger(probe.n) || !Array.isArray(probe.m)) return null;
    for (const m of probe.m) {
      if (!m || typeof m !== 'object' || !(m.k === null || isKind(m.k)) || !isIndexList(m.t) || !isIndexList(m.s)) return null;
      if (m.r !== undefined && !(Array.isArray(m.r) && m.r.every(isKind))) return null;
      if (m.h !== undefined && typeof m.h !== 'string') return null;
      if (m.p !== undefined && !(Array.isArray(m.p) && m.p.every((s) => typeof s === 'string'))) return null;
    }
  }
  return d as PageDigest;
}

/** One selector judged on every digest. */
interface Checked {
  selector: string;
  /** The tier it was first proposed in (see TIERS): even for an element's own name, odd with context. */
  rank: number;
  /** When it was proposed: a block's names come outer element first (see `relatives`). */
  order: number;
  kind: Kind | null;
  /** Samples where it matches a block of its kind. */
  support: string[];
  /** Samples where the support comes from a detector (not class names or recurrence alone). */
  detectorSupport: number;
  /** Samples where the support comes from recurrence. */
  templateSupport: number;
  /** Digests it was checked on. */
  checked: number;
  agreement: number;
  /** The agreement among the matches that hide no article text. */
  safeAgreement: number;
  confidence: number;
  evidence: RuleEvidence[];
  /** The first way it would hide article text, if any. */
  unsafe: { why: string; sample: string } | null;
  /** Targets it hides (as `digest index:target index`). */
  covers: Set<string>;
  /** Detector reasons and class words behind its kind, most common first. */
  why: string[];
}

const probeIndex = new WeakMap<PageDigest, Map<string, number>>();
/** What a selector matches on a digest's page, or null when it was not checked there. */
function probeIn(d: PageDigest, key: string): DigestProbe | null {
  let index = probeIndex.get(d);
  if (!index) probeIndex.set(d, (index = new Map(d.selectors.map((k, i) => [k, i]))));
  const i = index.get(key);
  return i === undefined ? null : d.probes[i];
}

/** What the learner knows across digests: which targets are blocks, and of which kind. */
interface Knowledge {
  digests: readonly PageDigest[];
  recurring: { blocks: Set<string>; paragraphs: Set<string> };
}

/** A target's kind once the site's pages are compared: its own, or (recurring) its names' or `promo`; null: not a block. */
function targetKind(know: Knowledge, t: DigestTarget): Kind | null {
  if (t.kind) return t.kind;
  if (t.by === 'template' && know.recurring.blocks.has(t.sig)) return t.named ?? 'promo';
  return null;
}

/** A match's vote: its own verdict, else the recurring template block it is. */
function voteOf(know: Knowledge, d: PageDigest, m: DigestMatch): { kind: Kind; by: 'detector' | 'name' | 'template'; why: string } | null {
  if (m.k) return { kind: m.k, by: m.d ? 'detector' : 'name', why: m.w ?? '' };
  for (const ti of m.s) {
    const t = d.targets[ti];
    const kind = targetKind(know, t);
    if (!kind || t.kind) continue;
    if ((m.r ?? []).some((k) => k !== kind)) return null; // it holds blocks of another kind: a region
    return { kind, by: 'template', why: `"${t.text}"` };
  }
  return null;
}

/** A match hides article text: not when all it would hide is the site's recurring paragraphs. */
function hurts(know: Knowledge, m: DigestMatch): boolean {
  if (!m.h) return false;
  if (!m.p || m.p.length === 0) return true;
  return !m.p.every((s) => know.recurring.paragraphs.has(s));
}

/**
 * Would a rule hide article text on one of the digests' pages (where it was checked)? The check
 * returns the first way it would, with the page, or null. The site's recurring paragraphs (its
 * tagline) are not article text, as in learning; they are worked out once, for every rule asked
 * of. The extension asks this of each rule it has learned, with every page read since: a rule
 * that would hide a later page's article is switched off.
 */
export function harmCheck(digests: readonly PageDigest[]): (rule: { selector: string; hasText?: string }) => { why: string; page: string } | null {
  const know: Knowledge = { digests, recurring: recurringSigs(digests) };
  return (rule) => {
    const key = probeKey(rule.selector, rule.hasText);
    for (const d of digests) {
      const m = probeIn(d, key)?.m.find((x) => hurts(know, x));
      if (m) return { why: m.h!, page: d.url || d.name };
    }
    return null;
  };
}

function check(know: Knowledge, key: string, rank: number, order: number): Checked | null {
  const { digests } = know;
  const votes = new Map<Kind, number>();
  const supportBy = new Map<Kind, Set<number>>();
  const detectorBy = new Map<Kind, Set<number>>();
  const templateBy = new Map<Kind, Set<number>>();
  const whyBy = new Map<Kind, Map<string, number>>();
  const evidence: RuleEvidence[] = [];
  const perPage: { i: number; m: DigestMatch[]; kinds: (Kind | null)[] }[] = [];
  let total = 0;
  let checked = 0;
  /** Matches that would hide article text, and those of them that still vote for a kind. */
  let harmful = 0;
  const harmfulVotes = new Map<Kind, number>();
  const add = (map: Map<Kind, Set<number>>, k: Kind, i: number) => {
    if (!map.has(k)) map.set(k, new Set());
    map.get(k)!.add(i);
  };
  for (let i = 0; i < digests.length; i++) {
    const d = digests[i];
    const p = probeIn(d, key);
    if (!p) continue;
    checked++;
    if (p.n === 0) continue;
    evidence.push({ sample: d.name, matches: p.n });
    total += p.n; // matches past the recorded ones vote for nothing
    const kinds: (Kind | null)[] = [];
    for (const m of p.m) {
      const v = voteOf(know, d, m);
      kinds.push(v?.kind ?? null);
      if (hurts(know, m)) {
        harmful++;
        if (v) harmfulVotes.set(v.kind, (harmfulVotes.get(v.kind) ?? 0) + 1);
      }
      if (!v) continue;
      votes.set(v.kind, (votes.get(v.kind) ?? 0) + 1);
      add(supportBy, v.kind, i);
      if (v.by === 'detector') add(detectorBy, v.kind, i);
      if (v.by === 'template') add(templateBy, v.kind, i);
      const w = whyBy.get(v.kind) ?? new Map<string, number>();
      w.set(v.why, (w.get(v.why) ?? 0) + 1);
      whyBy.set(v.kind, w);
    }
    perPage.push({ i, m: p.m, kinds });
  }
  if (total === 0) return null;
  let kind: Kind | null = null;
  for (const k of KINDS) if ((votes.get(k) ?? 0) > (kind ? (votes.get(kind) ?? 0) : 0)) kind = k;
  const agreement = kind ? (votes.get(kind) ?? 0) / total : 0;
  const safeVotes = kind ? (votes.get(kind) ?? 0) - (harmfulVotes.get(kind) ?? 0) : 0;
  const safeAgreement = total > harmful ? safeVotes / (total - harmful) : 0;
  const support = kind ? [...supportBy.get(kind)!].sort((a, b) => a - b).map((i) => digests[i].name) : [];
  let unsafe: Checked['unsafe'] = null;
  const covers = new Set<string>();
  for (const { i, m, kinds } of perPage) {
    const d = digests[i];
    for (let j = 0; j < m.length; j++) {
      if (hurts(know, m[j]) && !unsafe) unsafe = { why: m[j].h!, sample: d.name };
      if (!kind || kinds[j] !== kind) continue;
      for (const ti of m[j].t) if (targetKind(know, d.targets[ti]) === kind) covers.add(`${i}:${ti}`);
    }
  }
  const why = kind ? [...whyBy.get(kind)!].sort((a, b) => b[1] - a[1]).map(([w]) => w) : [];
  return {
    selector: key,
    rank,
    order,
    kind,
    support,
    detectorSupport: kind ? (detectorBy.get(kind)?.size ?? 0) : 0,
    templateSupport: kind ? (templateBy.get(kind)?.size ?? 0) : 0,
    checked,
    agreement,
    safeAgreement,
    confidence: Math.round((support.length / checked) * agreement * 100) / 100,
    evidence,
    unsafe,
    covers,
    why,
  };
}

/**
 * Which of two selectors to prefer (negative: `a`): the earlier tier (see TIERS), a name that
 * says the kind (`.header-sponsored` for an ad, not `.otf-simple`), the outer element, the shorter.
 */
function preference(a: Checked, b: Checked): number {
  const says = (c: Checked) => (kindOfName(splitKey(c.selector).selector)?.kind === c.kind ? 0 : 1);
  return a.rank - b.rank || says(a) - says(b) || a.order - b.order || a.selector.length - b.selector.length;
}

/** What a reader calls a block of each kind (the start of a rule's reason, which the popup shows). */
const KIND_NOUN: Record<Kind, string> = {
  newsletter: 'Sign-up box',
  related: 'Related stories box',
  duplicate: 'Repeated text',
  ad: 'Ad slot',
  share: 'Share bar',
  promo: 'Promotion',
};

/**
 * The rule's reason, in a reader's words: what the block is and how many of the site's pages
 * showed it ("Sign-up box of this site, learned from 3 of its 7 pages"). Who found it (a detector,
 * a class name, recurrence) and how often stays in the rule's evidence and confidence, for developers.
 */
export function reasonOf(kind: Kind, support: number, samples: number): string {
  return `${KIND_NOUN[kind]} of this site, learned from ${support} of its ${samples} pages`;
}

/** Checks the learner's options: the site's key, and the share as a number. Throws LearnError. */
function checkOptions(options: LearnOptions): string {
  const host = siteKey(options.host);
  if (!host || /[\s/:]/.test(host)) throw new LearnError(`"${options.host}" is not a host name such as "example.com"`);
  const share = options.minShare;
  if (share !== undefined && !(share > 0 && share <= 1)) throw new LearnError(`the minimum share must be a number in (0, 1]; got ${share}`);
  return host;
}

/**
 * Learns a site's rules from the digests of two or more of its pages (`digestPage`): the one
 * learner of the CLI and the extension. Throws LearnError for fewer than two digests or a bad option.
 */
export function learnFromDigests(digests: readonly PageDigest[], options: LearnOptions): LearnResult {
  const host = checkOptions(options);
  if (digests.length < MIN_SAMPLES) throw new LearnError(`learning needs ${MIN_SAMPLES} or more sample pages of ${host}; got ${digests.length}`);
  const share = options.minShare;
  const know: Knowledge = { digests, recurring: recurringSigs(digests) };
  const minSupport = (checked: number) => (share === undefined ? Math.floor(checked / 2) + 1 : Math.max(1, Math.ceil(share * checked - 1e-9)));
  const checked = new Map<string, Checked | null>();
  const checkOnce = (key: string, rank: number) => {
    if (!checked.has(key)) checked.set(key, isSpecific(key) ? check(know, key, rank, checked.size) : null);
    return checked.get(key) ?? null;
  };
  const qualifies = (c: Checked | null): c is Checked =>
    !!c &&
    !!c.kind &&
    // a selector checked on one page only says nothing of the site
    c.checked >= MIN_SAMPLES &&
    c.support.length >= minSupport(c.checked) &&
    (c.detectorSupport > 0 || c.support.length >= MIN_NAMED_SUPPORT) &&
    // recurrence alone: on two pages at least, whatever the share
    (c.templateSupport === 0 || c.detectorSupport > 0 || c.support.length >= MIN_SAMPLES);
  const usable = (c: Checked | null): c is Checked => qualifies(c) && c.agreement >= MIN_AGREEMENT;

  // Candidates in tiers, each tried only for the targets the tiers before did not cover safely:
  // the block's own names (itself or a wrapper of it), those under an ancestor for context, then
  // the same for the part of the block that carries its text (the box inside a detector's block,
  // a named slot inside an empty container), which may leave a heading or a label behind, then
  // its text.
  const isTarget = (d: PageDigest, t: DigestTarget) => targetKind(know, t) !== null;
  const covered = new Set<string>();
  for (let rank = 0; rank < TIERS; rank++) {
    digests.forEach((d, i) =>
      d.targets.forEach((t, ti) => {
        if (covered.has(`${i}:${ti}`) || !isTarget(d, t)) return;
        for (const s of (t.tiers[rank] ?? []).map((k) => d.selectors[k])) {
          const c = checkOnce(s, rank);
          if (usable(c) && !c.unsafe) for (const k of c.covers) covered.add(k);
        }
      }),
    );
  }

  // Selectors that would hide article text are rejected, and said so when they would otherwise
  // name a template block well (their other matches agree on its kind): the report shows why a
  // plainer name was not used.
  const rejected: RejectedSelector[] = [];
  const pool: Checked[] = [];
  for (const c of checked.values()) {
    if (!qualifies(c)) continue;
    if (c.unsafe) {
      if (c.rank % 2 === 0 && c.rank !== TEXT_TIER && c.safeAgreement >= MIN_AGREEMENT)
        rejected.push({ ...splitKey(c.selector), kind: c.kind!, why: c.unsafe.why, sample: c.unsafe.sample });
      continue;
    }
    if (c.agreement >= MIN_AGREEMENT) pool.push(c);
  }

  const chosen: Checked[] = [];
  const done = new Set<string>();
  for (;;) {
    let best: Checked | null = null;
    let bestGain = 0;
    for (const c of pool) {
      let gain = 0;
      for (const k of c.covers) if (!done.has(k)) gain++;
      if (gain === 0) continue;
      const better =
        !best || gain > bestGain || (gain === bestGain && (c.confidence > best.confidence || (c.confidence === best.confidence && preference(c, best) < 0)));
      if (better) [best, bestGain] = [c, gain];
    }
    if (!best) break;
    chosen.push(best);
    for (const k of best.covers) done.add(k);
  }

  const order = (k: Kind) => KINDS.indexOf(k);
  const rules: LearnedRule[] = chosen
    .sort((a, b) => order(a.kind!) - order(b.kind!) || b.confidence - a.confidence || a.selector.localeCompare(b.selector))
    .map((c) => ({
      kind: c.kind!,
      ...splitKey(c.selector),
      reason: reasonOf(c.kind!, c.support.length, digests.length),
      samples: c.support,
      confidence: c.confidence,
      evidence: c.evidence,
      foundBy:
        c.detectorSupport > 0
          ? `found by the ${c.kind} detector on ${c.detectorSupport}`
          : c.templateSupport > 0
            ? `repeated on ${c.templateSupport} pages: ${c.why[0]}`
            : `named ${c.why[0]} in its class`,
    }));
  rejected.sort((a, b) => order(a.kind) - order(b.kind) || a.selector.localeCompare(b.selector));
  return { site: { host, source: options.source ?? `learned from ${digests.map((d) => d.name).join(', ')}`, rules, rejected }, warnings: [] };
}

/** A learned rule as a site rule (what the engine applies). */
export function asSiteRule(r: LearnedRule): SiteRule {
  return { kind: r.kind, selector: r.selector, ...(r.hasText === undefined ? {} : { hasText: r.hasText }), reason: r.reason };
}

/**
 * Learns a site's rules from two or more of its pages: each is digested with every other page's
 * selectors as probes, then `learnFromDigests`. Throws LearnError for fewer than two samples, a
 * bad `minShare`, or a sample that declares an address on another host.
 */
export function learnSiteRules(samples: readonly LearnSample[], options: LearnOptions): LearnResult {
  const host = checkOptions(options);
  if (samples.length < MIN_SAMPLES) throw new LearnError(`learning needs ${MIN_SAMPLES} or more sample pages of ${host}; got ${samples.length}`);
  const warnings: string[] = [];
  const urls = samples.map((s) => {
    const url = pageUrl(s.doc, s.url);
    const h = hostOf(url);
    if (!h) warnings.push(`${s.name}: the page declares no address (no canonical link or og:url); taken as a page of ${host}`);
    else if (!hostMatches(host, h)) throw new LearnError(`${s.name}: a page of ${h} (${url}), not of ${host}`);
    return h ? url : `https://${host}/`;
  });
  const names = new Set<string>();
  for (const s of samples) {
    if (names.has(s.name)) throw new LearnError(`${s.name}: the same sample twice`);
    names.add(s.name);
  }

  const pages = samples.map((s, i) => readPage(s, urls[i]));
  const tiers = pages.map(tiersOf);
  const all = [...new Set(tiers.flat(3))];
  // Every page is at hand: every selector is checked on every page, whatever the size.
  const digests = pages.map((p, i) => digestOf(p, tiers[i], all, Infinity));
  const result = learnFromDigests(digests, { ...options, source: options.source ?? `learned from ${samples.map((s) => s.name).join(', ')}` });
  return { site: result.site, warnings };
}

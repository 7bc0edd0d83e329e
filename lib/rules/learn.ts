/**
 * Learning site rules from sample pages of one site (`npm run learn`, scripts/learn.ts).
 *
 * Each sample is analyzed as the extension would (detectors only, no site rules) and read by
 * Readability for its article paragraphs. The blocks worth a rule ("targets") are the blocks the
 * detectors hide and the template blocks whose class names say what they are (`c-newsletterSignup`,
 * `share-bar`, `ad-slot`). Each target gets the stable, readable selectors of lib/selector.ts;
 * every selector is then checked on every sample:
 *
 *   kind        each element it matches votes for the kind of the detector block it is (or wraps,
 *               or is the only content of), else for the kind its class names say, else for none;
 *               an element holding blocks of another kind is a region, not one block, and votes none
 *   support     the samples where it matches an element of its kind; at least `minShare` of the
 *               samples (default: more than half), and two when only class names speak for it
 *   agreement   the share of its matches that vote for its kind (at least MIN_AGREEMENT)
 *   confidence  support / samples × agreement: 1 when it names a block of one kind on every sample
 *   safety      a selector matching an article paragraph, an element holding one or inside one, or
 *               the article's container on any sample is rejected, and the rejection is reported
 *
 * Selectors are proposed in tiers (see TIERS): the block's own names, then under an ancestor for
 * context, then the same for the part of the block that carries its text; a tier is tried only
 * for the targets the tiers before could not name. From the selectors that pass, rules are picked
 * greedily: the one covering most targets not yet covered (ties: higher confidence, the earlier
 * tier, a name that says the kind, the outer element, the shorter), until nothing new is covered.
 *
 * Pure DOM code: the samples are already-parsed documents (linkedom or a browser).
 */
import { emptyArticle, readArticle, type ArticleInfo } from '../engine/article/article';
import { indexPage, type PageIndex } from '../engine/page/index';
import { analyze } from '../engine/analyze';
import { hostMatches, hostOf, pageUrl, siteKey } from '../engine/page/url';
import { selectorCandidates } from './selector';
import { KINDS, type Kind, type RuleEvidence } from '../engine/types';
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
  reason: string;
  samples: string[];
  confidence: number;
  evidence: RuleEvidence[];
  /** Who named the block, for developers: "found by the related detector on 2", "named \"trending\" in its class". */
  foundBy: string;
}

/** A selector that named boilerplate but would hide article text on a sample. */
export interface RejectedSelector {
  selector: string;
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
 * Site navigation and the page footer: their "social" links are the site's own profiles. (A
 * share bar may sit in the masthead, which repeats it when the page scrolls.)
 */
const SITE_NAV = 'nav, footer, [role="navigation"], [role="contentinfo"]';

/** What a block is, and who says so. */
interface Verdict {
  kind: Kind;
  by: 'detector' | 'name';
  /** The detector's reason, or the class word. */
  why: string;
}

/** One sample, analyzed. */
interface Page {
  name: string;
  body: Element;
  index: PageIndex;
  /** Detector blocks and the elements in the same slot (wrappers, sole children): their verdict. */
  slot: Map<Element, Verdict>;
  /** Elements whose class names say what they are (outside navigation and the footer). */
  named: Map<Element, Verdict>;
  /** Blocks a rule should hide: detector blocks and the outermost named blocks. */
  targets: Element[];
  /** Article paragraphs (Readability's, and prose). */
  paragraphs: Set<Element>;
  /** Every element holding an article paragraph, with how many. */
  holding: Map<Element, number>;
  /** The article's container(s): a rule holding one would hide the article. */
  article: Element[];
}

/** One selector checked on every sample. */
/**
 * Tiers of candidate selectors, in order of preference: the block's own name, with context; its
 * text-carrying part's own name, with context (see `relatives`).
 */
const TIERS = 4;

interface Checked {
  selector: string;
  /** The tier it was first proposed in (see TIERS): even for an element's own name, odd with context. */
  rank: number;
  /** When it was proposed: a block's names come outer element first (see `relatives`). */
  order: number;
  kind: Kind | null;
  /** Samples where it matches a block of its kind. */
  support: string[];
  /** Samples where the support comes from a detector (not class names alone). */
  detectorSupport: number;
  agreement: number;
  /** The agreement among the matches that hide no article text. */
  safeAgreement: number;
  confidence: number;
  evidence: RuleEvidence[];
  /** The first way it would hide article text, if any. */
  unsafe: { why: string; sample: string } | null;
  /** Targets it hides (as `sample index:target index`). */
  covers: Set<string>;
  /** Detector reasons and class words behind its kind, most common first. */
  why: string[];
}

function readPage(sample: LearnSample, url: string): Page {
  const doc = sample.doc;
  const body = doc.body as Element;
  const index = indexPage(doc.body);
  const len = (el: Element) => index.stats.get(el)?.len ?? 0;
  const { report, elements } = analyze(doc, { url, sites: [] });
  let article: ArticleInfo;
  try {
    article = readArticle(doc, index);
  } catch {
    article = emptyArticle(); // as in the engine: a page Readability cannot read has no article to protect
  }
  const paragraphs = new Set<Element>([...article.paragraphs, ...article.prose]);
  const holding = new Map<Element, number>();
  for (const p of paragraphs) for (let a: Element | null = p; a; a = a.parentElement) holding.set(a, (holding.get(a) ?? 0) + 1);

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
  return { name: sample.name, body, index, slot, named, targets, paragraphs, holding, article: main };
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
  for (const [e, w] of page.named) if (w.kind === kind && e !== t && t.contains(e) && hides(page, e, t) && !part.includes(e)) part.push(e);
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

/** An element holding detector blocks or named blocks of another kind is a region, not a block. */
function isRegion(page: Page, el: Element, kind: Kind): boolean {
  for (const t of page.targets) {
    if (t === el || !el.contains(t)) continue;
    const v = verdictOf(page, t);
    if (v && v.kind !== kind) return true;
  }
  for (const [n, v] of page.named) if (v.kind !== kind && n !== el && el.contains(n)) return true;
  return false;
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

/** Why hiding `el` would hide article text, or null. */
function harm(page: Page, el: Element): string | null {
  if (page.paragraphs.has(el)) return 'it matches an article paragraph';
  const held = page.holding.get(el);
  if (held) return `it matches an element holding ${held} article paragraph${held === 1 ? '' : 's'}`;
  for (let a = el.parentElement; a; a = a.parentElement) if (page.paragraphs.has(a)) return 'it matches an element inside an article paragraph';
  if (page.article.some((a) => el.contains(a))) return "it matches the article's container";
  return null;
}

/** The outermost elements of the body a selector matches (nested matches are hidden with their outer one). */
function outermost(body: Element, selector: string): Element[] | null {
  let list: Element[];
  try {
    list = Array.from(body.querySelectorAll(selector));
  } catch {
    return null;
  }
  const set = new Set(list);
  return list.filter((el) => {
    for (let p = el.parentElement; p && p !== body; p = p.parentElement) if (set.has(p)) return false;
    return true;
  });
}

function check(pages: Page[], selector: string, rank: number, order: number): Checked | null {
  const votes = new Map<Kind, number>();
  const supportBy = new Map<Kind, Set<number>>();
  const detectorBy = new Map<Kind, Set<number>>();
  const whyBy = new Map<Kind, Map<string, number>>();
  const evidence: RuleEvidence[] = [];
  const perPage: { page: Page; i: number; els: Element[]; kinds: (Kind | null)[]; harms: (string | null)[] }[] = [];
  let total = 0;
  /** Matches that would hide article text, and those of them that still vote for a kind. */
  let harmful = 0;
  const harmfulVotes = new Map<Kind, number>();
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i];
    const els = outermost(page.body, selector);
    if (els === null) return null;
    if (els.length === 0) continue;
    evidence.push({ sample: page.name, matches: els.length });
    const kinds: (Kind | null)[] = [];
    const harms: (string | null)[] = [];
    for (const el of els) {
      total++;
      const v = verdictOf(page, el);
      const kind = v && !isRegion(page, el, v.kind) ? v.kind : null;
      kinds.push(kind);
      const hurt = harm(page, el);
      harms.push(hurt);
      if (hurt) {
        harmful++;
        if (kind) harmfulVotes.set(kind, (harmfulVotes.get(kind) ?? 0) + 1);
      }
      if (!v || !kind) continue;
      votes.set(kind, (votes.get(kind) ?? 0) + 1);
      if (!supportBy.has(kind)) supportBy.set(kind, new Set());
      supportBy.get(kind)!.add(i);
      if (v.by === 'detector') {
        if (!detectorBy.has(kind)) detectorBy.set(kind, new Set());
        detectorBy.get(kind)!.add(i);
      }
      const w = whyBy.get(kind) ?? new Map<string, number>();
      w.set(v.why, (w.get(v.why) ?? 0) + 1);
      whyBy.set(kind, w);
    }
    perPage.push({ page, i, els, kinds, harms });
  }
  if (total === 0) return null;
  let kind: Kind | null = null;
  for (const k of KINDS) if ((votes.get(k) ?? 0) > (kind ? (votes.get(kind) ?? 0) : 0)) kind = k;
  const agreement = kind ? (votes.get(kind) ?? 0) / total : 0;
  const safeVotes = kind ? (votes.get(kind) ?? 0) - (harmfulVotes.get(kind) ?? 0) : 0;
  const safeAgreement = total > harmful ? safeVotes / (total - harmful) : 0;
  const support = kind ? [...supportBy.get(kind)!].sort((a, b) => a - b).map((i) => pages[i].name) : [];
  let unsafe: Checked['unsafe'] = null;
  const covers = new Set<string>();
  for (const { page, i, els, kinds, harms } of perPage) {
    for (let j = 0; j < els.length; j++) {
      const el = els[j];
      const hurt = harms[j];
      if (hurt && !unsafe) unsafe = { why: hurt, sample: page.name };
      if (!kind || kinds[j] !== kind) continue;
      page.targets.forEach((t, ti) => {
        if (verdictOf(page, t)?.kind === kind && hides(page, el, t)) covers.add(`${i}:${ti}`);
      });
    }
  }
  const why = kind ? [...whyBy.get(kind)!].sort((a, b) => b[1] - a[1]).map(([w]) => w) : [];
  return {
    selector,
    rank,
    order,
    kind,
    support,
    detectorSupport: kind ? (detectorBy.get(kind)?.size ?? 0) : 0,
    agreement,
    safeAgreement,
    confidence: Math.round((support.length / pages.length) * agreement * 100) / 100,
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
  const says = (c: Checked) => (kindOfName(c.selector)?.kind === c.kind ? 0 : 1);
  return a.rank - b.rank || says(a) - says(b) || a.order - b.order || a.selector.length - b.selector.length;
}

/** A selector naming something by class, id or attribute (a bare `aside` or `form` names too much). */
function isSpecific(selector: string): boolean {
  return /[#.[]/.test(selector);
}

/** What a reader calls a block of each kind (the start of a rule's reason, which the popup shows). */
const KIND_NOUN: Record<Kind, string> = {
  newsletter: 'Sign-up box',
  related: 'Related stories box',
  duplicate: 'Repeated text',
  ad: 'Ad slot',
  share: 'Share bar',
};

/**
 * The rule's reason, in a reader's words: what the block is and how many of the site's pages
 * showed it ("Sign-up box of this site, learned from 3 of its 7 pages"). Who found it (a detector,
 * a class name) and how often stays in the rule's evidence and confidence, for developers.
 */
export function reasonOf(kind: Kind, support: number, samples: number): string {
  return `${KIND_NOUN[kind]} of this site, learned from ${support} of its ${samples} pages`;
}

/**
 * Learns a site's rules from two or more of its pages. Throws LearnError for fewer than two
 * samples, a bad `minShare`, or a sample that declares an address on another host.
 */
export function learnSiteRules(samples: readonly LearnSample[], options: LearnOptions): LearnResult {
  const host = siteKey(options.host);
  if (!host || /[\s/:]/.test(host)) throw new LearnError(`"${options.host}" is not a host name such as "example.com"`);
  if (samples.length < MIN_SAMPLES) throw new LearnError(`learning needs ${MIN_SAMPLES} or more sample pages of ${host}; got ${samples.length}`);
  const share = options.minShare;
  if (share !== undefined && !(share > 0 && share <= 1)) throw new LearnError(`the minimum share must be a number in (0, 1]; got ${share}`);
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
  const minSupport = share === undefined ? Math.floor(pages.length / 2) + 1 : Math.max(1, Math.ceil(share * pages.length - 1e-9));
  const checked = new Map<string, Checked | null>();
  const checkOnce = (selector: string, rank: number) => {
    if (!checked.has(selector)) checked.set(selector, isSpecific(selector) ? check(pages, selector, rank, checked.size) : null);
    return checked.get(selector) ?? null;
  };
  const qualifies = (c: Checked | null): c is Checked =>
    !!c && !!c.kind && c.support.length >= minSupport && (c.detectorSupport > 0 || c.support.length >= MIN_NAMED_SUPPORT);
  const usable = (c: Checked | null): c is Checked => qualifies(c) && c.agreement >= MIN_AGREEMENT;

  // Candidates in tiers, each tried only for the targets the tiers before did not cover safely:
  // the block's own names (itself or a wrapper of it), those under an ancestor for context, then
  // the same for the part of the block that carries its text (the box inside a detector's block,
  // a named slot inside an empty container), which may leave a heading or a label behind.
  const tiers = pages.map((page) =>
    page.targets.map((t) => {
      const [whole, part] = relatives(page, t);
      const names = (els: Element[]) => {
        const own: string[] = [];
        const context: string[] = [];
        for (const e of els) {
          const c = selectorCandidates(e);
          own.push(...c.own);
          context.push(...c.context);
        }
        return [[...new Set(own)], [...new Set(context)]];
      };
      return [...names(whole), ...names(part)];
    }),
  );
  const covered = new Set<string>();
  for (let rank = 0; rank < TIERS; rank++) {
    pages.forEach((_, i) =>
      tiers[i].forEach((t, ti) => {
        if (covered.has(`${i}:${ti}`)) return;
        for (const s of t[rank]) {
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
      if (c.rank % 2 === 0 && c.safeAgreement >= MIN_AGREEMENT)
        rejected.push({ selector: c.selector, kind: c.kind!, why: c.unsafe.why, sample: c.unsafe.sample });
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
      selector: c.selector,
      reason: reasonOf(c.kind!, c.support.length, pages.length),
      samples: c.support,
      confidence: c.confidence,
      evidence: c.evidence,
      foundBy: c.detectorSupport > 0 ? `found by the ${c.kind} detector on ${c.detectorSupport}` : `named ${c.why[0]} in its class`,
    }));
  rejected.sort((a, b) => order(a.kind) - order(b.kind) || a.selector.localeCompare(b.selector));
  return { site: { host, source: options.source ?? `learned from ${samples.map((s) => s.name).join(', ')}`, rules, rejected }, warnings };
}

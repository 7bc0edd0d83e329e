/**
 * Readability, run once per page on a clone, mapped back to the live page.
 *
 * Before Readability runs, every element of the clone's body gets an index attribute; the elements
 * that survive into Readability's article still carry it, so the engine knows exactly which live
 * elements Readability took for the article. The live document is never touched.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { linkDensity, textOf } from './dom';

const INDEX_ATTR = 'data-declutter-i';

/** A paragraph shorter than this is a label, a caption or a button, not article prose. */
export const MIN_PROSE_CHARS = 80;
/** Prose is written words: a paragraph with more of its text in links is a link line or a teaser. */
export const MAX_PROSE_LINK_DENSITY = 0.3;
/** Article prose comes in runs: its container holds at least this many paragraphs of the article. */
export const MIN_PROSE_RUN = 2;

export interface ArticleInfo {
  /** Readability found an article. */
  found: boolean;
  title: string;
  byline: string | null;
  /** Readability's article content (an element of a detached document), or null. */
  content: Element | null;
  /** Live elements Readability kept in its article. */
  kept: Set<Element>;
  /** Live article paragraphs: prose Readability kept, in runs (see MIN_PROSE_RUN). */
  prose: Set<Element>;
  /** Total characters of prose. */
  proseChars: number;
  /** The live element holding most of the prose (Readability's main container), or null. */
  root: Element | null;
  /** Index → live element, for mapping Readability's content back to the page. */
  live: Element[];
}

/** The live element that an element of Readability's content came from. */
export function liveOf(info: ArticleInfo, el: Element): Element | undefined {
  const i = el.getAttribute(INDEX_ATTR);
  return i === null ? undefined : info.live[Number(i)];
}

export function readArticle(doc: Document): ArticleInfo {
  const info: ArticleInfo = {
    found: false,
    title: '',
    byline: null,
    content: null,
    kept: new Set(),
    prose: new Set(),
    proseChars: 0,
    root: null,
    live: [],
  };
  const body = doc.body;
  if (!body) return info;

  const clone = doc.cloneNode(true) as Document;
  const live = Array.from(body.querySelectorAll('*'));
  const copies = clone.body ? Array.from(clone.body.querySelectorAll('*')) : [];
  if (copies.length !== live.length) return info; // a clone that differs cannot be mapped back
  for (let i = 0; i < copies.length; i++) copies[i].setAttribute(INDEX_ATTR, String(i));
  info.live = live;

  const parsed = new Readability<Element>(clone, { serializer: (node) => node as Element }).parse();
  info.title = parsed?.title?.trim() || textOf(doc.querySelector('h1') ?? doc.createElement('h1')) || doc.title || '';
  info.byline = parsed?.byline?.trim() || null;
  if (!parsed?.content) return info;
  info.found = true;
  info.content = parsed.content;

  for (const el of Array.from(parsed.content.querySelectorAll(`[${INDEX_ATTR}]`))) {
    const l = liveOf(info, el);
    if (l) info.kept.add(l);
  }

  // Prose: paragraphs Readability kept that read as written text.
  const candidates: Element[] = [];
  for (const p of Array.from(parsed.content.getElementsByTagName('p'))) {
    const l = liveOf(info, p);
    if (!l) continue;
    const len = textOf(l).length;
    if (len < MIN_PROSE_CHARS || linkDensity(l, len) > MAX_PROSE_LINK_DENSITY) continue;
    candidates.push(l);
  }
  const perParent = new Map<Element, number>();
  for (const p of candidates) if (p.parentElement) perParent.set(p.parentElement, (perParent.get(p.parentElement) ?? 0) + 1);
  // Paragraphs beside a form (a sign-up box's blurb and disclaimer) are not the article's prose.
  for (const parent of perParent.keys()) if (parent.querySelector('input, button, select, textarea')) perParent.set(parent, 0);
  // A lone paragraph still counts when its container's siblings hold prose too (CNBC-style groups).
  const perGrand = new Map<Element, number>();
  for (const [parent, n] of perParent) {
    const g = parent.parentElement;
    if (g) perGrand.set(g, (perGrand.get(g) ?? 0) + n);
  }
  let best: Element | null = null;
  let bestN = 0;
  for (const p of candidates) {
    const parent = p.parentElement;
    if (!parent) continue;
    const n = perParent.get(parent) ?? 0;
    if (n === 0) continue;
    const g = parent.parentElement;
    const groupRun = n === 1 && g && (perGrand.get(g) ?? 0) >= MIN_PROSE_RUN + 1 && !isCardLike(parent);
    if (n >= MIN_PROSE_RUN || groupRun) {
      info.prose.add(p);
      info.proseChars += textOf(p).length;
      const holder = n >= MIN_PROSE_RUN ? parent : g!;
      const count = n >= MIN_PROSE_RUN ? n : perGrand.get(g!) ?? 0;
      if (count > bestN) {
        best = holder;
        bestN = count;
      }
    }
  }
  info.root = best;
  return info;
}

/** A container with a heading or a link beside its one paragraph (a story card) is not a prose group. */
function isCardLike(el: Element): boolean {
  if (el.querySelector('h1,h2,h3,h4,h5,h6')) return true;
  for (const a of Array.from(el.getElementsByTagName('a'))) if (!a.closest('p')) return true;
  return false;
}

export function probablyArticle(doc: Document): boolean {
  try {
    return isProbablyReaderable(doc);
  } catch {
    return false;
  }
}

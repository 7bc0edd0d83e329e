/**
 * Text printed twice: a caption copied into a lightbox, gallery or overlay; the headline repeated
 * at the top of the body; a credit line that repeats the caption's own credit ("Andrew Harnik |
 * Getty Images News | Getty Images" after "(Photo by Andrew Harnik/Getty Images)"); the short
 * initials credit that belongs to a repeated caption. The first copy always stays.
 */
import { type Candidate, type Detector, type DetectorContext } from '../detector';
import { HAS_BLOCK, HAS_HEADING } from '../../page/index';
import { normalize } from '../../page/dom';
import { DUPLICATE_CAPTION_CLASS, DUPLICATE_CREDIT } from '../../vocab/detectors';

/** Shorter texts repeat by chance ("Photo", "World"); a caption or headline is longer. */
export const MIN_DUPLICATE_CHARS = 25;
/** A credit line is a name and an agency or two. */
export const MAX_CREDIT_CHARS = 120;
/** Text lengths counted two ways (per text node, or per line) differ by a few spaces at most. */
const LENGTH_SLACK = 12;
/** An initials credit ("JDN", "AP") is a few capitals. */
const INITIALS = /^[A-Z]{2,5}$/;

function isCaption(ctx: DetectorContext, el: Element): boolean {
  if (ctx.tag(el) === 'FIGCAPTION') return true;
  if (el.hasAttributes() && (el.getAttribute('itemprop') ?? '') === 'caption') return true;
  return ctx.namedWord(el, DUPLICATE_CAPTION_CLASS.hint, DUPLICATE_CAPTION_CLASS.words);
}

const LEAF_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'DIV', 'SPAN', 'FIGCAPTION', 'LI', 'STRONG']);
/** Captions, and block-level text holders with no block inside, in document order. */
function textBlocks(ctx: DetectorContext): { el: Element; caption: boolean }[] {
  const out: { el: Element; caption: boolean }[] = [];
  for (const el of ctx.all) {
    const n = ctx.len(el);
    if (n < 2) continue;
    const caption = isCaption(ctx, el);
    if (caption || (LEAF_TAGS.has(ctx.tag(el)) && !ctx.holds(el, HAS_BLOCK | HAS_HEADING))) out.push({ el, caption });
  }
  return out;
}

/** The caption a credit line sits beside: a caption in the same figure, or the previous block. */
function nearbyCaption(ctx: DetectorContext, el: Element): Element | null {
  const fig = el.closest('figure, [class*="mage"], [class*="aption"]');
  if (fig) {
    for (const c of Array.from(fig.querySelectorAll('figcaption, [class*="aption"], p'))) {
      if (c !== el && !c.contains(el) && !el.contains(c) && ctx.len(c) >= MIN_DUPLICATE_CHARS) return c;
    }
  }
  for (let n: Element | null = el; n && n !== ctx.body; n = n.parentElement) {
    const prev = n.previousElementSibling;
    if (prev) return ctx.len(prev) >= MIN_DUPLICATE_CHARS ? prev : null;
  }
  return null;
}

function sameFigure(a: Element, b: Element): boolean {
  const fig = a.closest('figure');
  return !!fig && fig.contains(b);
}

/** Does the credit line only repeat what the caption already credits? */
function repeatsCredit(credit: string, caption: string): boolean {
  const parts = credit
    .split(/\s*[|/•·]\s*|\s+-\s+/)
    .map((s) => normalize(s))
    .filter((s) => s.length >= 2);
  if (parts.length < 2) return false;
  const cap = normalize(caption);
  const found = parts.filter((p) => cap.includes(p)).length;
  return cap.includes(parts[0]) && found * 2 >= parts.length;
}

export const duplicate: Detector = {
  id: 'duplicate',
  kind: 'duplicate',
  description: 'Captions, credits and headlines printed a second time; the first copy stays.',
  detect(ctx) {
    const out: Candidate[] = [];
    const hidden = new Set<Element>();
    const push = (el: Element, reason: string) => {
      for (const h of hidden) if (h.contains(el)) return;
      hidden.add(el);
      out.push({ el, reason });
    };

    // Captions and the headline: the texts whose second copy is boilerplate.
    const keys = new Map<Element, string>(); // a caption's key is read again in the search below
    const keyOf = (el: Element) => {
      let k = keys.get(el);
      if (k === undefined) {
        k = normalize(ctx.text(el));
        keys.set(el, k);
      }
      return k;
    };
    const firstCopy = new Map<string, Element>();
    const kindOf = new Map<string, 'caption' | 'headline'>();
    const h1 = ctx.body.querySelector('h1');
    const headline = h1 ? ctx.text(h1) : ctx.article.title;
    if (headline.length >= MIN_DUPLICATE_CHARS) {
      kindOf.set(normalize(headline), 'headline');
      if (h1) firstCopy.set(normalize(headline), h1);
    }
    const blocks = textBlocks(ctx);
    for (const { el, caption } of blocks) {
      if (!caption) continue;
      if (ctx.len(el) < MIN_DUPLICATE_CHARS) continue;
      const key = keyOf(el);
      if (!kindOf.has(key)) kindOf.set(key, 'caption');
    }
    // Only texts of about a key's length can equal it: skip the rest without reading their text.
    let minKey = Infinity;
    let maxKey = 0;
    for (const k of kindOf.keys()) [minKey, maxKey] = [Math.min(minKey, k.length), Math.max(maxKey, k.length)];
    for (const { el } of blocks) {
      const n = ctx.len(el);
      if (n < MIN_DUPLICATE_CHARS || n < minKey - LENGTH_SLACK || n > maxKey + LENGTH_SLACK) continue;
      const key = keyOf(el);
      const kind = kindOf.get(key);
      if (!kind) continue;
      const first = firstCopy.get(key);
      if (!first) {
        firstCopy.set(key, el);
        continue;
      }
      if (first.contains(el) || el.contains(first)) continue;
      // Two copies in one figure are one caption laid out for two screen widths: the page shows one of them.
      if (kind === 'caption' && sameFigure(first, el)) continue;
      if (kind === 'headline' && ctx.touchesProse(el)) continue;
      push(el, kind === 'headline' ? 'the headline printed again' : 'a caption printed a second time');
      // The initials credit that follows a repeated caption goes with it.
      const next = el.nextElementSibling;
      const firstNext = first.nextElementSibling;
      if (next && firstNext && INITIALS.test(ctx.text(next)) && ctx.text(next) === ctx.text(firstNext)) {
        push(next, 'credit of a repeated caption');
      }
    }

    // Credit lines that repeat the caption's own credit.
    for (const { el } of blocks) {
      if (ctx.len(el) < 4 || ctx.len(el) > MAX_CREDIT_CHARS) continue;
      const t = ctx.text(el);
      if (!DUPLICATE_CREDIT.re.test(t) || !/[|/]/.test(t)) continue;
      if (kindOf.get(keyOf(el)) === 'caption') continue; // a whole caption, not a credit line: its copies are handled above
      const cap = nearbyCaption(ctx, el);
      if (cap && repeatsCredit(t, ctx.text(cap))) push(el, 'a credit line repeating the caption\u2019s credit');
    }
    return out;
  },
};

export default duplicate;

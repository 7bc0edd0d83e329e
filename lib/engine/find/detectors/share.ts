/**
 * Share and social button bars: rows of "Share on Facebook / X / Email" links and buttons next to
 * or inside the article. Site-wide "follow us" links in the footer and navigation are left alone.
 */
import { Candidates, growNamed, type Detector, type DetectorContext } from '../detector';
import { SHARE_SOCIAL_SITE, SHARE_URL } from '../../vocab/detectors';
import { SHARE_CLASS } from '../../vocab/kinds';

/** A bar of buttons has little text: labels like "Share", "Facebook", "Copy link". */
export const MAX_SHARE_CHARS = 300;
/** Words of a bar outside its buttons: a "Share" or "Share this article" label, no more. */
export const MAX_OWN_TEXT_CHARS = 40;
/** A bar is two or more buttons. */
export const MIN_SHARE_BUTTONS = 2;

function isShareNamed(ctx: DetectorContext, el: Element): boolean {
  if (ctx.namedWord(el, SHARE_CLASS.hint, SHARE_CLASS.words)) return true;
  const label = el.hasAttributes() ? el.getAttribute('aria-label') : null; // most elements have no attributes
  return !!label && /\bshare\b/i.test(label);
}

/** A row of "follow us" links is site navigation, not a share bar. */
function isFollowBar(el: Element): boolean {
  let follow = 0;
  for (const a of Array.from(el.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (SHARE_URL.re.test(href)) return false;
    if (SHARE_SOCIAL_SITE.re.test(href)) follow++;
  }
  return follow >= MIN_SHARE_BUTTONS;
}

/** Text of a bar that is not on one of its buttons or links (a byline, a standfirst). */
function ownText(ctx: DetectorContext, el: Element): number {
  let buttonText = 0;
  for (const b of Array.from(el.querySelectorAll('button, [role="button"]'))) if (!b.closest('a')) buttonText += ctx.len(b);
  return ctx.len(el) - ctx.linkDensity(el) * ctx.len(el) - buttonText;
}

function buttons(el: Element): number {
  return el.querySelectorAll('a, button, [role="button"]').length;
}

export const share: Detector = {
  id: 'share',
  kind: 'share',
  description: 'Share and social button bars beside or inside the article.',
  detect(ctx) {
    const found = new Candidates();
    // Nested share-named elements grow through the same ancestors: each one's own text is counted once.
    const ownTexts = new Map<Element, number>();
    const own = (el: Element) => {
      let n = ownTexts.get(el);
      if (n === undefined) {
        n = ownText(ctx, el);
        ownTexts.set(el, n);
      }
      return n;
    };
    // The whole bar: the outermost share-named ancestor that is still a small bar of buttons.
    const bar = (el: Element) =>
      growNamed(
        ctx,
        el,
        MAX_SHARE_CHARS,
        (p) => isShareNamed(ctx, p),
        (p) => own(p) <= MAX_OWN_TEXT_CHARS,
      );
    const consider = (el: Element, reason: string) => {
      if (ctx.inChrome(el) || ctx.len(el) > MAX_SHARE_CHARS || ctx.touchesProse(el)) return;
      if (buttons(el) < MIN_SHARE_BUTTONS || own(el) > MAX_OWN_TEXT_CHARS) return;
      const b = bar(el);
      if (!found.has(b) && !isFollowBar(b)) found.add(b, reason);
    };
    const holders = new Map<Element, number>();
    for (const el of ctx.all) {
      if (ctx.len(el) <= MAX_SHARE_CHARS && isShareNamed(ctx, el)) consider(el, 'share buttons');
      // Share links without telling class names: the nearest container holding two or more.
      if (ctx.tag(el) !== 'A' || !SHARE_URL.re.test(el.getAttribute('href') ?? '')) continue;
      const a = el;
      for (let p = a.parentElement, depth = 0; p && depth < 4; p = p.parentElement, depth++) {
        holders.set(p, (holders.get(p) ?? 0) + 1);
      }
    }
    for (const [el, n] of holders) {
      if (n >= MIN_SHARE_BUTTONS && !(el.parentElement && (holders.get(el.parentElement) ?? 0) === n && ctx.len(el.parentElement) <= MAX_SHARE_CHARS)) {
        consider(el, 'links that share this page');
      }
    }
    return found.list;
  },
  part(ctx, el) {
    // A part named for sharing with a button in it, or two share links, that is not a "follow us" row.
    if (ctx.len(el) > MAX_SHARE_CHARS || isFollowBar(el)) return false;
    if (isShareNamed(ctx, el) && buttons(el) >= 1) return true;
    let links = 0;
    for (const a of Array.from(el.querySelectorAll('a[href]'))) if (SHARE_URL.re.test(a.getAttribute('href') ?? '')) links++;
    return links >= MIN_SHARE_BUTTONS;
  },
};

export default share;

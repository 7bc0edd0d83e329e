/**
 * Share and social button bars: rows of "Share on Facebook / X / Email" links and buttons next to
 * or inside the article, rows of icon-only page buttons among which one shares, a lone "Share this
 * on WhatsApp" link, and rows of "follow us" links to the site's social profiles inside or beside
 * the article. The site-wide follow links of the footer and navigation are left alone, as are an
 * author's links in a byline or bio and a list of links that is part of the story.
 */
import { Candidates, growNamed, type Detector, type DetectorContext } from '../detector';
import { SHARE_SOCIAL_SITE, SHARE_URL } from '../../vocab/detectors';
import { OTHER_PART_CLASS, SHARE_CLASS } from '../../vocab/kinds';
import { HIDING_CLASS } from '../../vocab/page';

/** A bar of buttons has little text: labels like "Share", "Facebook", "Copy link" (text for screen readers only aside). */
export const MAX_SHARE_CHARS = 300;
/** Text for screen readers only ("Click to share on Facebook (Opens in new window)" on each of Jetpack's buttons) is read up to this much. */
const MAX_UNSHOWN_CHARS = 3 * MAX_SHARE_CHARS;
/** Words of a bar outside its buttons: a "Share" or "Share this article" label, no more. */
export const MAX_OWN_TEXT_CHARS = 40;
/** A bar is two or more buttons. */
export const MIN_SHARE_BUTTONS = 2;

function isShareNamed(ctx: DetectorContext, el: Element): boolean {
  if (ctx.namedWord(el, SHARE_CLASS.hint, SHARE_CLASS.words)) return true;
  const label = el.hasAttributes() ? el.getAttribute('aria-label') : null; // most elements have no attributes
  return !!label && /\bshare\b/i.test(label);
}

/** A link that shares the page (share.url); a mail to someone ("Send us a tip") is a contact link. */
function isShareLink(href: string): boolean {
  return SHARE_URL.re.test(href) && !/^mailto:[^?]/i.test(href);
}

/** A row of "follow us" links: links to social profiles, no share link. */
function isFollowBar(el: Element): boolean {
  let follow = 0;
  for (const a of Array.from(el.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (isShareLink(href)) return false;
    if (SHARE_SOCIAL_SITE.re.test(href)) follow++;
  }
  return follow >= MIN_SHARE_BUTTONS;
}

/** A profile link of a follow row names its network in a word or two ("instagram", "FB") or is an icon. */
export const MAX_FOLLOW_LINK_CHARS = 20;
/** Named for a person (`author-card`, `byline`) within this many levels: their links are theirs, not the site's. */
const PERSON_LEVELS = 4;

/**
 * A follow row to hide: every link goes to a social profile and names its network in a word or
 * icon (a list of the story's own links reads as sentences), and nothing around it is named for
 * an author (their social links in a byline or bio stay).
 */
function isSiteFollowRow(ctx: DetectorContext, el: Element): boolean {
  for (const a of Array.from(el.querySelectorAll('a'))) {
    if (!SHARE_SOCIAL_SITE.re.test(a.getAttribute('href') ?? '') || ctx.len(a) > MAX_FOLLOW_LINK_CHARS) return false;
  }
  for (let p: Element | null = el, i = 0; p && p !== ctx.body && i < PERSON_LEVELS; p = p.parentElement, i++) {
    for (const d of [p, ...Array.from(p.children)]) if (ctx.words(d).some((w) => OTHER_PART_CLASS.words.has(w))) return false;
  }
  return true;
}

/** An icon-only control: no text of its own, named for screen readers. */
function iconLabel(ctx: DetectorContext, el: Element): string | null {
  if (ctx.len(el) > 0 || !el.hasAttributes()) return null;
  return el.getAttribute('aria-label') ?? el.getAttribute('title');
}

/** A share link standing alone ("Share this on WhatsApp") is a line, not a sentence. */
export const MAX_LONE_SHARE_CHARS = 60;

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
        MAX_UNSHOWN_CHARS,
        (p) => isShareNamed(ctx, p),
        (p) => shown(p) <= MAX_SHARE_CHARS && own(p) <= MAX_OWN_TEXT_CHARS,
      );
    const consider = (el: Element, reason: string) => {
      if (ctx.inChrome(el) || shown(el) > MAX_SHARE_CHARS || ctx.touchesProse(el)) return;
      if (buttons(el) < MIN_SHARE_BUTTONS || own(el) > MAX_OWN_TEXT_CHARS) return;
      const b = bar(el);
      if (found.has(b)) return;
      if (!isFollowBar(b)) found.add(b, reason);
      else if (isSiteFollowRow(ctx, b)) found.add(b, 'links to follow the site on social networks');
    };
    // The text a bar shows: its length less what only screen readers get.
    const shownLens = new Map<Element, number>();
    const shown = (el: Element) => {
      const n = ctx.len(el);
      if (n <= MAX_SHARE_CHARS || n > MAX_UNSHOWN_CHARS) return n;
      let m = shownLens.get(el);
      if (m === undefined) {
        m = n;
        const hidden = Array.from(el.querySelectorAll('[class]')).filter((d) => HIDING_CLASS.re.test(d.getAttribute('class')!));
        // Outermost hidden elements only: one inside another is counted with it.
        for (const d of hidden) if (!hidden.some((h) => h !== d && h.contains(d))) m -= ctx.len(d);
        shownLens.set(el, m);
      }
      return m;
    };
    // Per container: share and profile links in it (up to four levels down), and share links alone.
    const holders = new Map<Element, number>();
    const sharers = new Map<Element, number>();
    const iconRows = new Set<Element>();
    const lone: Element[] = [];
    for (const el of ctx.all) {
      if (ctx.len(el) <= MAX_UNSHOWN_CHARS && isShareNamed(ctx, el) && shown(el) <= MAX_SHARE_CHARS) consider(el, 'share buttons');
      const tag = ctx.tag(el);
      // Icon-only controls, one of them named for sharing: the row they sit in (share, listen, save …).
      if (tag === 'BUTTON' || tag === 'A') {
        const label = iconLabel(ctx, el);
        if (label && /\bshare\b/i.test(label)) iconRows.add(el.parentElement?.tagName === 'LI' ? el.parentElement.parentElement! : el.parentElement!);
      }
      // Share and follow links without telling class names: the nearest container holding two or more.
      if (tag !== 'A') continue;
      const href = el.getAttribute('href') ?? '';
      const sharing = isShareLink(href);
      if (!sharing && !SHARE_SOCIAL_SITE.re.test(href)) continue;
      if (sharing) lone.push(el);
      for (let p = el.parentElement, depth = 0; p && depth < 4; p = p.parentElement, depth++) {
        holders.set(p, (holders.get(p) ?? 0) + 1);
        if (sharing) sharers.set(p, (sharers.get(p) ?? 0) + 1);
      }
    }
    for (const [el, n] of holders) {
      if (n >= MIN_SHARE_BUTTONS && !(el.parentElement && (holders.get(el.parentElement) ?? 0) === n && shown(el.parentElement) <= MAX_SHARE_CHARS)) {
        // Two share links make a bar; profile links only when they are most of its links (a menu may hold two).
        if ((sharers.get(el) ?? 0) >= MIN_SHARE_BUTTONS || ctx.links(el) - n <= n) consider(el, 'links that share this page');
      }
    }
    for (const row of iconRows) {
      if (row && row !== ctx.body && !row.closest('figure')) consider(row, 'row of icon buttons that share the page');
    }
    // A share link alone on its line: the line goes.
    for (const a of lone) {
      if (ctx.len(a) === 0) continue;
      let inRow = false;
      for (let p = a.parentElement, depth = 0; p && depth < 4; p = p.parentElement, depth++)
        if ((holders.get(p) ?? 0) > 1 && shown(p) <= MAX_SHARE_CHARS) inRow = true;
      if (inRow) continue;
      let line: Element = a;
      for (let p = a.parentElement; p && p !== ctx.body && p !== ctx.article.root && ctx.len(p) === ctx.len(a); p = p.parentElement) line = p;
      if (ctx.len(line) <= MAX_LONE_SHARE_CHARS && !ctx.inChrome(line) && !ctx.touchesProse(line) && !found.has(line))
        found.add(line, 'link that shares this page');
    }
    return found.list;
  },
  part(ctx, el) {
    // A part named for sharing with a button in it, or two share links, that is not a "follow us" row.
    if (ctx.len(el) > MAX_SHARE_CHARS || isFollowBar(el)) return false;
    if (isShareNamed(ctx, el) && buttons(el) >= 1) return true;
    let links = 0;
    for (const a of Array.from(el.querySelectorAll('a[href]'))) if (isShareLink(a.getAttribute('href') ?? '')) links++;
    return links >= MIN_SHARE_BUTTONS;
  },
};

export default share;

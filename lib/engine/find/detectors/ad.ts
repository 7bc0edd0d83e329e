/**
 * Ad slots and their labels: "Advertisement", "Story continues below advertisement", empty
 * slot containers named for ads (`c-ad`, `ad-slot`, `gpt-ad-…`, `adsbygoogle`); notices to turn
 * an ad blocker off; advertising and affiliate disclosures ("We may receive compensation …").
 */
import { SMALL_PRINT_CLASS } from '../../vocab/article';
import { Candidates, growNamed, type Detector, type DetectorContext } from '../detector';
import { AD_BLOCKER, AD_BLOCKER_STEM, AD_DISCLOSURE_SAYS, AD_LABEL, AD_LABEL_START } from '../../vocab/detectors';
import { AD_CLASS } from '../../vocab/kinds';

/** An ad slot holds a label and an iframe; a block with more text than this holds content. */
export const MAX_AD_TEXT_CHARS = 160;
const LABEL_TAGS = new Set(['DIV', 'SPAN', 'P', 'SMALL', 'ASIDE', 'SECTION', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** A notice about ad blockers is a few sentences; more is an article about them. */
export const MAX_NOTICE_CHARS = 400;
const NOTICE_TAGS = new Set(['DIV', 'P', 'SECTION', 'ASIDE']);

/** A disclosure is a sentence or three of small print; more is an article about advertising. */
export const MAX_DISCLOSURE_CHARS = 600;

/** A disclosure box, named so (`ad-disclosure`, `editorial-disclaimer`): the words the article's prose test reads too. */
function isDisclosureNamed(ctx: DetectorContext, el: Element): boolean {
  return ctx.namedWord(el, SMALL_PRINT_CLASS.hint, SMALL_PRINT_CLASS.words);
}

function isAdNamed(ctx: DetectorContext, el: Element): boolean {
  // hasAttributes() first: most elements have none, and each look-up by name walks the list.
  if (el.hasAttributes() && (el.hasAttribute('data-ad-slot') || el.hasAttribute('data-ad-unit') || el.hasAttribute('data-google-query-id'))) return true;
  return ctx.namedWord(el, AD_CLASS.hint, AD_CLASS.words);
}

export const ad: Detector = {
  id: 'ad',
  kind: 'ad',
  description: 'Ad slots and their "Advertisement" / "Story continues below advertisement" labels.',
  detect(ctx) {
    const found = new Candidates();
    // The whole slot, label included: the outermost ad-named ancestor that is still small.
    const slot = (el: Element) => growNamed(ctx, el, MAX_AD_TEXT_CHARS, (p) => isAdNamed(ctx, p));
    for (const el of ctx.all) {
      const n = ctx.len(el);
      if (n > MAX_AD_TEXT_CHARS) continue;
      if (isAdNamed(ctx, el)) {
        const parent = el.parentElement;
        if (parent && parent !== ctx.body && isAdNamed(ctx, parent) && ctx.len(parent) <= MAX_AD_TEXT_CHARS) continue; // the parent is the slot
        if (ctx.touchesProse(el)) continue;
        found.add(slot(el), 'ad slot');
      } else if (n > 0 && LABEL_TAGS.has(ctx.tag(el)) && AD_LABEL_START.re.test(ctx.raw(el)) && AD_LABEL.re.test(ctx.text(el))) {
        if (el.children.length > 1 && el.querySelector('p, div')) continue;
        found.add(slot(el), `ad label "${ctx.text(el)}"`);
      }
    }
    // Notices asking to turn an ad blocker off: the outermost small box that says so.
    // (The parent first: only the outermost small box reads its text. The raw text's look for the
    // words' common stem comes before the visible text, which is built line by line.)
    for (const el of ctx.all) {
      const n = ctx.len(el);
      if (n === 0 || n > MAX_NOTICE_CHARS || !NOTICE_TAGS.has(ctx.tag(el))) continue;
      const parent = el.parentElement;
      if (parent && parent !== ctx.body && NOTICE_TAGS.has(ctx.tag(parent)) && ctx.len(parent) <= MAX_NOTICE_CHARS) continue; // the parent is the notice
      if (!AD_BLOCKER_STEM.re.test(ctx.raw(el)) || !AD_BLOCKER.re.test(ctx.text(el))) continue;
      found.add(el, 'notice about ad blockers');
    }
    // Advertising and affiliate disclosures: small print named so that says the site is paid.
    for (const el of ctx.all) {
      const n = ctx.len(el);
      if (n === 0 || n > MAX_DISCLOSURE_CHARS || !isDisclosureNamed(ctx, el) || !AD_DISCLOSURE_SAYS.re.test(ctx.text(el))) continue;
      const parent = el.parentElement;
      if (parent && parent !== ctx.body && ctx.len(parent) <= MAX_DISCLOSURE_CHARS && isDisclosureNamed(ctx, parent)) continue; // the parent is the box
      found.add(el, 'advertising or affiliate disclosure');
    }
    return found.list;
  },
};

export default ad;

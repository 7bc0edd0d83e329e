/**
 * Newsletter, alert and subscription prompts: "Get breaking National news — sign up for breaking
 * news alerts", "Sign up to get … in your inbox" with an email field, "Subscribe" calls to action.
 *
 * Found from three kinds of evidence: a form field for an email address, a sign-up widget's class
 * words, or a short call to action in words. Either way the prompt is the largest block around it
 * that is still short, it must say what a prompt says, and offer something to act on.
 */
import { type Candidate, type Detector, type DetectorContext } from '../detector';
import { HAS_CONTROL, HAS_HEADING } from '../../page/index';
import { hasWord } from '../../vocab/group';
import { NEWSLETTER_ACTION, NEWSLETTER_CTA, NEWSLETTER_FINE_PRINT, NEWSLETTER_LOGIN, NEWSLETTER_PROMPT, NEWSLETTER_URL } from '../../vocab/detectors';
import { NEWSLETTER_CLASS } from '../../vocab/kinds';

/** A prompt is a heading, a sentence or two and a button; a longer block is something else. */
export const MAX_PROMPT_CHARS = 600;
/** A call to action is a line, not a paragraph of an article. */
export const MAX_CTA_CHARS = 240;
/** A sign-up button is a word or three ("Join free", "Sign me up"). */
export const MAX_BUTTON_CHARS = 30;
/** A prompt has a button or two and links its privacy policy, its terms, a sign-in; a block with more links and buttons is a menu (BBC's drawer, ending in "Newsletters"). */
export const MAX_PROMPT_LINKS = 10;
/** The site's masthead and navigation: a prompt there is never hidden. */
const MASTHEAD = 'header, nav, [role="banner"], [role="navigation"]';
/** In the page footer, a sign-up box has a heading and says what it offers (CNBC's "CNBC Newsletters / Sign up for free newsletters and get more CNBC delivered to your inbox / Sign Up Now"); a "Newsletters" link in a footer menu is navigation. */
export const MIN_FOOTER_PROMPT_CHARS = 60;
/** A paragraph this long that says nothing of signing up is not part of a prompt. */
export const MIN_OFF_TOPIC_CHARS = 120;
/** A prompt is read, not navigated: more link text than this is a menu or a link list. */
export const MAX_LINK_DENSITY = 0.5;

/** Page regions a prompt never spans. */
const STOP_TAGS = new Set(['HEADER', 'NAV', 'FOOTER', 'MAIN', 'ARTICLE']);
/** A box of its own: a prompt may be one whole (kicker, blurb, form and small print), but never spans past it. */
const BOX_TAGS = new Set(['ASIDE']);
const HEADINGS = 'h1, h2, h3, h4, h5, h6';
const CTA_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6', 'P', 'STRONG', 'B', 'LABEL', 'BUTTON', 'A']);

function isEmailField(el: Element): boolean {
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (type === 'email') return true;
  if (type && type !== 'text') return false;
  const hint = `${el.getAttribute('name') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('placeholder') ?? ''} ${el.getAttribute('aria-label') ?? ''}`;
  return /e-?mail/i.test(hint);
}

function isWidget(ctx: DetectorContext, el: Element): boolean {
  if (!ctx.named(el, NEWSLETTER_CLASS.hint)) return false;
  const words = ctx.words(el);
  for (let i = 0; i < words.length; i++) {
    if (hasWord(NEWSLETTER_CLASS.words, words[i])) return true;
    if (words[i] === 'sign' && words[i + 1] === 'up') return true;
  }
  return false;
}

/**
 * Grows a seed to the whole prompt: the largest ancestor that stays short and is not article prose.
 * A named widget is already the prompt: it only grows through wrappers that add no text of their own.
 */
function grow(ctx: DetectorContext, seed: Element, widget: boolean): Element[] {
  let block = seed;
  // In the page footer, a box is one section: it stops before a block that holds another section's heading.
  const headings = (el: Element) => (ctx.has(el, HAS_HEADING) ? el.querySelectorAll(HEADINGS).length + (el.matches(HEADINGS) ? 1 : 0) : 0);
  const sectioned = ctx.inChrome(seed);
  for (let p = seed.parentElement; p && p !== ctx.body && p !== ctx.article.root; p = p.parentElement) {
    if (STOP_TAGS.has(ctx.tag(p)) || ctx.len(p) > MAX_PROMPT_CHARS || ctx.touchesProse(p)) break;
    if (widget && ctx.len(p) > ctx.len(block) && !isWidget(ctx, p)) break;
    if (sectioned && headings(p) > Math.max(1, headings(block))) break;
    // The whole box when it is one, else what grew inside it.
    if (BOX_TAGS.has(ctx.tag(p))) return [p, block];
    block = p;
  }
  return [block];
}

export const newsletter: Detector = {
  id: 'newsletter',
  kind: 'newsletter',
  description: 'Newsletter, alert and subscription prompts, with or without an email field.',
  detect(ctx) {
    const out: Candidate[] = [];
    const seen = new Set<Element>();
    // `linked`: the seed is a button to a sign-up page, which says what the box is; its words need not.
    const isPrompt = (block: Element, linked: boolean): boolean => {
      // A masthead "Subscribe" button is navigation, not a prompt; in the page footer, a box that says what it offers is one.
      if (ctx.inChrome(block) && (block.closest(MASTHEAD) || ctx.len(block) < MIN_FOOTER_PROMPT_CHARS || !ctx.has(block, HAS_HEADING))) return false;
      if (ctx.len(block) > MAX_PROMPT_CHARS || block.querySelectorAll('a[href], button').length > MAX_PROMPT_LINKS) return false;
      const text = ctx.text(block);
      if ((!linked && !NEWSLETTER_PROMPT.re.test(text)) || NEWSLETTER_LOGIN.re.test(text)) return false;
      if (block.querySelector('input[type="password"]') || ctx.linkDensity(block) > MAX_LINK_DENSITY) return false;
      // A prompt's sentences are about signing up; a paragraph about something else is content.
      for (const p of Array.from(block.getElementsByTagName('p'))) {
        if (ctx.len(p) < MIN_OFF_TOPIC_CHARS) continue;
        const words = ctx.text(p);
        if (!NEWSLETTER_PROMPT.re.test(words) && !NEWSLETTER_FINE_PRINT.re.test(words)) return false;
      }
      if (!ctx.has(block, HAS_CONTROL)) {
        // A link or a widget class can make a prompt too, but then it must read as one.
        if (!NEWSLETTER_ACTION.re.test(text)) return false;
        if (!isWidget(ctx, block) && block.tagName !== 'A' && block.querySelector('a') === null) return false;
      }
      return true;
    };
    // `linked`: the seed is a button to a sign-up page, which says what the box is; its words need not.
    const consider = (seed: Element, reason: string, widget = false, linked = false) => {
      for (const block of grow(ctx, seed, widget)) {
        if (linked && ctx.len(block) === ctx.len(seed)) return; // a link alone is a link, not a box
        if (seen.has(block)) return;
        seen.add(block);
        if (!isPrompt(block, linked)) continue;
        out.push({ el: block, reason });
        return;
      }
    };

    for (const el of ctx.all) {
      const tag = ctx.tag(el);
      if (tag === 'INPUT') {
        if (isEmailField(el)) consider(el, 'sign-up prompt with an email field');
      } else if (isWidget(ctx, el)) {
        if (ctx.len(el) <= MAX_PROMPT_CHARS) consider(el, 'newsletter sign-up widget', true);
      } else if (CTA_TAGS.has(tag)) {
        if (
          tag === 'A' &&
          ctx.len(el) > 0 &&
          ctx.len(el) <= MAX_BUTTON_CHARS &&
          NEWSLETTER_URL.re.test(el.getAttribute('href') ?? '') &&
          !ctx.touchesProse(el)
        ) {
          consider(el, 'sign-up box with a button to a newsletter page', false, true);
        }
        const n = ctx.len(el);
        if (n === 0 || n > MAX_CTA_CHARS || !NEWSLETTER_CTA.re.test(ctx.raw(el)) || ctx.touchesProse(el)) continue;
        consider(el, 'call to action to sign up for a newsletter or alerts');
      }
    }
    return out;
  },
};

export default newsletter;

/**
 * Recirculation: "Read More" carousels, "Related" / "More on …" lists, story cards, and one-line
 * "READ MORE: <link>" teasers inside the body.
 *
 * Judged by structure first: repeated sibling cards that each carry a link and a heading or image,
 * lists of links to topic pages (rel="tag", /tag/ and /category/ addresses), link-dense blocks under
 * a recirculation label, short lines that are mostly one link. Class names
 * are never the only evidence.
 */
import { textStart } from '../../page/dom';
import { Candidates, type Detector, type DetectorContext } from '../detector';
import { HAS_BLOCK, HAS_HEADING, HAS_LINK, HAS_MEDIA, HAS_UNSEEN_TEXT } from '../../page/index';
import {
  RELATED_LABEL_DE,
  RELATED_LABEL_EN,
  RELATED_LABEL_OTHER,
  RELATED_LABEL_START,
  RELATED_NAME,
  RELATED_TAG_PATH,
  RELATED_TEASER,
  RELATED_TEASER_LEAD,
} from '../../vocab/detectors';

/** Repetition starts at three: two similar siblings are often just a pair of figures. */
export const MIN_CARDS = 3;
/** A story card is a headline, a label and an excerpt; more text is an article section. */
export const MAX_CARD_CHARS = 700;
/** A whole recirculation block (a carousel, a list of headlines) stays under this. */
export const MAX_BLOCK_CHARS = 4000;
/** Under a label, the block must be mostly links to be a list of stories. */
export const MIN_LIST_LINK_DENSITY = 0.35;
/** Cards carry excerpts, so their block is less link-dense than a list, but a third is links. */
export const MIN_CARDS_LINK_DENSITY = 0.25;
/** A recirculation label is a few words. */
export const MAX_LABEL_CHARS = 60;
/** At most this many link lines follow a lone label such as "Read more:". */
export const MAX_LABELLED_LINES = 6;
/** A teaser line without a colon must be (nearly) all link. */
export const MIN_WHOLE_LINK_DENSITY = 0.9;
/** A "READ MORE: …" teaser is one line. */
export const MAX_TEASER_CHARS = 220;
/** ... and most of it is the link. */
export const MIN_TEASER_LINK_DENSITY = 0.5;
/** A block's label comes first: at most this much text (a tab, an icon label) before it. */
export const MAX_LABEL_OFFSET_CHARS = 40;
/** Story links average at least this many characters (a headline); menu links are shorter. */
export const MIN_HEADLINE_CHARS = 25;
/** Wrappers around a block add at most this much text of their own and still count as the block. */
export const WRAPPER_SLACK_CHARS = 40;

/** An unlabelled list of story links has at least this many items, each one whole link (one is a line of the article). */
export const MIN_LINK_LIST_ITEMS = 2;
/** ... and each item is (nearly) all link. */
export const MIN_LINK_ITEM_DENSITY = 0.9;

/** A <nav> of the article's tags holds a few ("TOPICS: Google"; iNews' six players); a section menu after the article holds more. */
export const MAX_TAG_NAV_LINKS = 8;
/** A list of topic tags is a label and a few short links. */
export const MAX_TAGS_CHARS = 400;
/** ... whose words are nearly all links (a "Tags:" label at most besides). */
export const MIN_TAGS_LINK_DENSITY = 0.6;

/** A link to a page of the same site (relative, or to a host of the same name: bbc.com, bbc.co.uk). */
function sameSite(ctx: DetectorContext, a: Element): boolean {
  const href = a.getAttribute('href') ?? '';
  const m = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(href);
  if (!m) return !/^[a-z][a-z0-9+.-]*:/i.test(href); // relative, not mailto: or javascript:
  if (!ctx.host) return false;
  return siteName(m[1]) === siteName(ctx.host);
}

/** The name of a site across its domains: `bbc` for www.bbc.com and bbc.co.uk. */
function siteName(host: string): string {
  const labels = host.toLowerCase().split('.');
  labels.pop();
  if (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1])) labels.pop();
  return labels[labels.length - 1] ?? '';
}
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'or', 'ne', 'gv']);

/**
 * A list whose every item is one link to another story of the same site, headline-long: "more on
 * this" without a label. Links to other sites are an article's sources and stay.
 */
function isStoryLinkList(ctx: DetectorContext, list: Element): boolean {
  const items = Array.from(list.children).filter((c) => c.tagName === 'LI');
  // A list named for other stories (`similarLinks`, `related-list`) may hold a single one.
  const min = ctx.named(list, RELATED_NAME.re) ? 1 : MIN_LINK_LIST_ITEMS;
  if (items.length < min || items.length !== list.children.length) return false;
  for (const li of items) {
    const links = Array.from(li.getElementsByTagName('a'));
    if (links.length !== 1 || !sameSite(ctx, links[0]) || ctx.linkDensity(li) < MIN_LINK_ITEM_DENSITY) return false;
  }
  return headlineLinks(ctx, list);
}

/** Links to a topic page: the rel="tag" microformat, or a tag or category address. */
function isTagLink(a: Element): boolean {
  return /(?:^|\s)tag(?:\s|$)/i.test(a.getAttribute('rel') ?? '') || RELATED_TAG_PATH.re.test(a.getAttribute('href') ?? '');
}

/** Labels of recirculation blocks, in the languages of the pages we read (the related.label.* vocabulary). */
function isLabel(text: string): boolean {
  return RELATED_LABEL_EN.re.test(text) || RELATED_LABEL_DE.re.test(text) || RELATED_LABEL_OTHER.re.test(text);
}
/** related.label.start reads no further than its longest word: the start of the text this long is enough. */
const LABEL_START_CHARS = 24;
/** The site's masthead and footer: their link lists are navigation. */
const SITE_CHROME = 'header, footer, nav, [role="banner"], [role="contentinfo"], [role="navigation"]';
const LABEL_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6', 'P', 'SPAN', 'DIV', 'STRONG', 'BUTTON', 'LI', 'HEADER']);
const TEASER_TAGS = new Set(['P', 'LI', 'DIV', 'H3', 'H4', 'H5', 'H6', 'ASIDE', 'BLOCKQUOTE']);

/**
 * Does the element's text open like a label or a teaser? The raw text's start first (cheap); when it
 * holds text that does not show (an icon's svg <title>, a script), the visible text's start.
 */
function startsLikeLabel(ctx: DetectorContext, el: Element): boolean {
  if (RELATED_LABEL_START.re.test(textStart(el, LABEL_START_CHARS))) return true;
  return ctx.holds(el, HAS_UNSEEN_TEXT) && RELATED_LABEL_START.re.test(textStart(el, LABEL_START_CHARS, true));
}

/** A child that looks like a story card: a link plus a heading or an image, and little text. */
function isCard(ctx: DetectorContext, el: Element): boolean {
  const len = ctx.len(el);
  if (len === 0 || len > MAX_CARD_CHARS) return false;
  if (ctx.tag(el) === 'TR' || !ctx.has(el, HAS_LINK) || !ctx.has(el, HAS_HEADING | HAS_MEDIA)) return false;
  return ctx.linkDensity(el) * len >= MIN_HEADLINE_CHARS; // a card links a headline, not a word
}

function signature(el: Element): string {
  const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/)[0] ?? '';
  return `${el.tagName}.${cls}`;
}

/** Climbs through wrappers that add (almost) nothing of their own: a label, but no media or slot. */
function widen(ctx: DetectorContext, block: Element): Element {
  const len = ctx.len(block);
  for (let p = block.parentElement; p && p !== ctx.body && p !== ctx.article.root; p = p.parentElement) {
    if (ctx.len(p) > len + WRAPPER_SLACK_CHARS || ctx.touchesProse(p)) break;
    let other = false;
    for (const c of Array.from(p.children)) if (!c.contains(block) && ctx.has(c, HAS_MEDIA)) other = true;
    if (other) break;
    block = p;
  }
  return block;
}

/** Repeated cards among an element's children: the element is a carousel or a story grid. */
function cardGroup(ctx: DetectorContext, parent: Element): boolean {
  const kids = Array.from(parent.children);
  if (kids.length < MIN_CARDS) return false;
  const counts = new Map<string, number>();
  for (const k of kids) {
    if (!isCard(ctx, k)) continue;
    const s = signature(k);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  for (const n of counts.values()) if (n >= MIN_CARDS) return true;
  return false;
}

export const related: Detector = {
  id: 'related',
  kind: 'related',
  description: 'Read More carousels, Related / More on lists, story cards and READ MORE teaser lines.',
  detect(ctx) {
    const found = new Candidates();
    const push = (el: Element, reason: string) => void found.add(el, reason);

    // 1. Repeated story cards: the parents of links (up to a few levels) holding similar cards.
    // The climb stops at the body: the body is never a card group, and above it <html> is outside
    // the page index (reading its length meant collapsing the whole document's text, scripts included).
    const parents = new Set<Element>();
    for (const a of ctx.all) {
      if (ctx.tag(a) !== 'A' || !a.hasAttribute('href')) continue;
      let el: Element | null = a;
      for (let depth = 0; el && depth < 5; depth++, el = el.parentElement) {
        const p: Element | null = el.parentElement;
        if (!p || p === ctx.body || parents.has(p)) break;
        parents.add(p);
      }
    }
    for (const parent of parents) {
      if (parent === ctx.body || parent === ctx.article.root || ctx.inChrome(parent)) continue;
      if (ctx.len(parent) > MAX_BLOCK_CHARS || ctx.touchesProse(parent)) continue;
      if (ctx.linkDensity(parent) < MIN_CARDS_LINK_DENSITY || !cardGroup(ctx, parent)) continue;
      push(widen(ctx, parent), 'repeated story cards (headline, link, image or excerpt)');
    }

    // 2. Lists of links to the site's other stories, labelled or not; lists of topic tags.
    for (const el of ctx.all) {
      const tag = ctx.tag(el);
      if ((tag !== 'UL' && tag !== 'OL') || ctx.len(el) > MAX_BLOCK_CHARS || ctx.inChrome(el) || ctx.touchesProse(el)) continue;
      if (isStoryLinkList(ctx, el)) push(widen(ctx, el), 'list of links to other stories of the site');
    }
    // A box named for other stories (`relatedlinks`, `related-articles`, `similar-posts`) that is
    // mostly headline links: the whole box, its heading ("Discover now") included.
    const namedBox = (el: Element) =>
      ctx.named(el, RELATED_NAME.re) &&
      ctx.len(el) <= MAX_BLOCK_CHARS &&
      ctx.links(el) >= 2 &&
      ctx.linkDensity(el) >= MIN_LIST_LINK_DENSITY &&
      !ctx.inChrome(el) &&
      !ctx.touchesProse(el) &&
      headlineLinks(ctx, el);
    for (const el of ctx.all) {
      if (ctx.len(el) === 0 || !namedBox(el)) continue;
      const parent = el.parentElement;
      if (parent && parent !== ctx.body && parent !== ctx.article.root && namedBox(parent)) continue; // the parent is the box
      push(widen(ctx, el), 'box of links to other stories');
    }
    const tagBlocks = new Set<Element>();
    // Whether every link in a block is a topic tag, once per block: the tags of one list climb through the same ancestors.
    const onlyTags = new Map<Element, boolean>();
    const holdsOnlyTags = (p: Element) => {
      let all = onlyTags.get(p);
      if (all === undefined) {
        all = true;
        for (const l of Array.from(p.getElementsByTagName('a'))) if (l.hasAttribute('href') && !isTagLink(l)) all = false;
        onlyTags.set(p, all);
      }
      return all;
    };
    // A <nav> of the article's own tags (TechRadar's "TOPICS") is not the site's navigation: a small
    // one after the article's text, off the masthead and footer, counts (a site's menu comes before it).
    // Answered once per <nav> (its tags all ask), the root's place in the page once in all.
    const root = ctx.article.root;
    let rootAt = -1;
    const tagNavs = new Map<Element, boolean>();
    const tagNav = (a: Element) => {
      const nav = a.closest('nav');
      if (!nav || !root) return false;
      let v = tagNavs.get(nav);
      if (v === undefined) {
        if (tagNavs.size === 0) rootAt = ctx.all.indexOf(root);
        v =
          !root.contains(nav) &&
          ctx.all.indexOf(nav) >= rootAt &&
          ctx.len(nav) <= MAX_TAGS_CHARS &&
          ctx.links(nav) <= MAX_TAG_NAV_LINKS &&
          !nav.parentElement?.closest(SITE_CHROME) &&
          holdsOnlyTags(nav);
        tagNavs.set(nav, v);
      }
      return v;
    };
    for (const a of ctx.all) {
      if (ctx.tag(a) !== 'A' || !isTagLink(a) || ctx.touchesProse(a) || (ctx.inChrome(a) && !tagNav(a))) continue;
      let block: Element | null = null;
      for (let p = a.parentElement; p && p !== ctx.body && p !== ctx.article.root; p = p.parentElement) {
        if (ctx.len(p) > MAX_TAGS_CHARS || ctx.touchesProse(p) || ctx.linkDensity(p) < MIN_TAGS_LINK_DENSITY) break;
        if (!holdsOnlyTags(p)) break;
        block = p;
      }
      if (block && !tagBlocks.has(block)) {
        tagBlocks.add(block);
        push(block, 'list of topic tags');
      }
    }

    for (const el of ctx.all) {
      const tag = ctx.tag(el);
      const n = ctx.len(el);
      if (n === 0) continue;
      // 3. Link lists and card blocks under a recirculation label.
      if (n <= MAX_LABEL_CHARS && LABEL_TAGS.has(tag) && !ctx.holds(el, HAS_BLOCK) && startsLikeLabel(ctx, el) && isLabel(ctx.text(el))) {
        if (el.children.length > 1 && el.querySelector('p, li, h2, h3, h4, h5, h6')) continue;
        const labelLinks = ctx.links(el);
        const label = ctx.text(el);
        // A label standing alone in the body ("Read more:") heads the link lines that follow it.
        if (labelLinks === 0 && el.parentElement === ctx.article.root) {
          const lines: Element[] = [];
          for (let n = el.nextElementSibling; n && lines.length < MAX_LABELLED_LINES; n = n.nextElementSibling) {
            if (ctx.links(n) === 0 || ctx.len(n) > MAX_TEASER_CHARS || ctx.linkDensity(n) < MIN_TEASER_LINK_DENSITY || ctx.touchesProse(n)) break;
            lines.push(n);
          }
          if (lines.length > 0) {
            push(el, `label of links to other stories ("${label}")`);
            for (const n of lines) push(n, `link to another story under "${label}"`);
            continue;
          }
        }
        for (let p = el.parentElement; p && p !== ctx.body && p !== ctx.article.root; p = p.parentElement) {
          if (ctx.len(p) > MAX_BLOCK_CHARS || ctx.touchesProse(p) || ctx.inChrome(p)) break;
          if (ctx.text(p).indexOf(label) > MAX_LABEL_OFFSET_CHARS) break; // the label heads its block
          const storyLinks = ctx.links(p) - labelLinks;
          // One headline link right under its label ("Up Next", "Don't miss"): a widget of one story.
          if (storyLinks === 1 && ctx.len(p) <= label.length + MAX_TEASER_CHARS && ctx.linkDensity(p) >= MIN_TEASER_LINK_DENSITY && headlineLinks(ctx, p)) {
            push(widen(ctx, p), `link to another story under "${label}"`);
            break;
          }
          if (storyLinks < 2) continue;
          // One story card under the label counts too: "More on this: <headline> <excerpt> <link>".
          const cards = cardGroup(ctx, p) || hasCardGroup(ctx, p) || isCard(ctx, p);
          if (cards || (ctx.linkDensity(p) >= MIN_LIST_LINK_DENSITY && headlineLinks(ctx, p))) {
            push(widen(ctx, p), `links to other stories under "${ctx.text(el)}"`);
          }
          break;
        }
      }
      // 4. One-line teasers inside the article: "READ MORE: <headline link>".
      if (n <= MAX_TEASER_CHARS && TEASER_TAGS.has(tag) && ctx.linkDensity(el) >= MIN_TEASER_LINK_DENSITY && startsLikeLabel(ctx, el)) {
        const t = ctx.text(el);
        if (!RELATED_TEASER.re.test(t) && !(ctx.linkDensity(el) >= MIN_WHOLE_LINK_DENSITY && RELATED_TEASER_LEAD.re.test(t))) continue;
        if (tag === 'DIV' && ctx.holds(el, HAS_BLOCK)) continue;
        push(el, 'one-line teaser linking to another story');
      }
    }
    return found.list;
  },
};

/** Links to stories read as headlines; a menu's links are a word or two. */
function headlineLinks(ctx: DetectorContext, el: Element): boolean {
  const links = ctx.links(el);
  return links > 0 && (ctx.linkDensity(el) * ctx.len(el)) / links >= MIN_HEADLINE_CHARS;
}

function hasCardGroup(ctx: DetectorContext, el: Element): boolean {
  for (const k of Array.from(el.children)) if (cardGroup(ctx, k)) return true;
  return false;
}

export default related;

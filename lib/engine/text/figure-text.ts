/**
 * `figure-text`: a caption or credit outside figure markup, told by its class or id
 * (`InlineImage-imageEmbedCaption`, `copyright`), by standing alone under an image, or a video
 * player's own lines (its title, duration).
 */
import type { DetectorContext } from '../find/detector';
import type { NotTextFilter } from './filter';
import { FIGURE_TEXT_CLASS } from '../vocab/text';

/** A note under an image ("(Credit: …)", "Photo: …") is a line; more is a paragraph that starts with an image. */
export const MAX_IMAGE_NOTE_CHARS = 200;
const NOTE_TAGS = new Set(['EM', 'I', 'SMALL', 'SPAN', 'CITE']);
/** A box of an image and its caption and credit lines holds no more text than this. */
export const MAX_IMAGE_BOX_CHARS = 300;
/** Boxes whose short lines beside an image are content: table rows and cells, list items, quotes with their author's photo. */
const NOT_IMAGE_BOX = new Set(['TR', 'TD', 'TH', 'LI', 'DD', 'BLOCKQUOTE']);
/** A video player's own text (its title, duration, "2 hours ago") is a few lines. */
export const MAX_PLAYER_CHARS = 400;

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

/** A video player's box: named so, short, and no article prose in it. */
function isPlayer(ctx: DetectorContext, el: Element): boolean {
  if (ctx.len(el) > MAX_PLAYER_CHARS || !ctx.named(el, /player/i) || ctx.touchesProse(el)) return false;
  return ctx.words(el).includes('player');
}

export const figureText: NotTextFilter = {
  id: 'figure-text',
  description: "a caption or credit outside figure markup (named so, or alone under an image), a video player's own lines",
  test(_el, live, { ctx }) {
    if (!live) return false;
    if (isImageNote(ctx, live) || inImageBox(ctx, live)) return true;
    // Readability rebuilds some wrappers (a div of text becomes a new <p>), so a player's own
    // element may have no live twin: its title and duration are told by the player around them.
    for (let a = live.parentElement; a; a = a.parentElement) {
      if (ctx.named(a, /player/i) && isPlayer(ctx, a)) return true;
    }
    if (!ctx.named(live, /caption|credit|copyright|player/i)) return false;
    for (const w of ctx.words(live)) {
      if (FIGURE_TEXT_CLASS.words.has(w)) return true;
    }
    return isPlayer(ctx, live);
  },
};
export default figureText;

/**
 * What an element without text shows: an image, a video or a frame, with its alt text and its size
 * as the page's markup gives them. The popup names an image-only block by it instead of "(no text)".
 * Read from attributes only: the engine also runs on a snapshot of the page, where nothing has a layout.
 */
import { collapse } from './dom';
import type { BlockMedia } from '../types';

/** An alt text longer than this is cut: the popup shows one line of it. */
export const MAX_MEDIA_ALT_CHARS = 120;
/** A size attribute above this is not a size (`width="99999"`): left out. */
const MAX_MEDIA_SIDE = 10_000;

const MEDIA = 'img, picture, video, iframe, svg, canvas, object, embed';

function side(el: Element, name: 'width' | 'height'): number {
  const v = Number.parseInt(el.getAttribute(name) ?? '', 10);
  return Number.isFinite(v) && v > 0 && v <= MAX_MEDIA_SIDE ? v : 0;
}

/** The first image, video or frame in `el` (or `el` itself), described; null when there is none. */
export function mediaOf(el: Element): BlockMedia | null {
  let m: Element | null = el.matches(MEDIA) ? el : el.querySelector(MEDIA);
  if (!m) return null;
  if (m.tagName === 'PICTURE') m = m.querySelector('img') ?? m;
  const tag = m.tagName;
  const what = tag === 'VIDEO' ? 'video' : tag === 'IFRAME' || tag === 'OBJECT' || tag === 'EMBED' ? 'frame' : 'image';
  const alt = collapse(m.getAttribute('alt') || m.getAttribute('aria-label') || m.getAttribute('title') || '').slice(0, MAX_MEDIA_ALT_CHARS);
  return { what, alt, width: side(m, 'width'), height: side(m, 'height') };
}

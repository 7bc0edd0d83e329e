/**
 * The reader page's small decisions, as plain functions: text size per step, the date line, and
 * the article's own copy of the headline (shown once, as the page's title).
 */
import { hostOf } from '../../engine/index';
import { MAX_FONT_STEP, MIN_FONT_STEP } from '../../extension/storage/settings';

/** Text size at step 0, in CSS pixels. */
export const BASE_FONT_PX = 19;
/** Each step is this much larger than the one below. */
export const FONT_STEP_RATIO = 1.1;

export function fontSizePx(step: number): number {
  const s = Math.min(MAX_FONT_STEP, Math.max(MIN_FONT_STEP, Math.round(step)));
  return Math.round(BASE_FONT_PX * FONT_STEP_RATIO ** s);
}

/** A published date in the reader's language ("August 15, 2025"), or null if it does not parse. */
export function formatDate(value: string | null | undefined, lang = 'en'): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(ms));
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(ms));
  }
}

const norm = (s: string) =>
  s
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();

/** How many elements from the start of the article a repeated headline may be. */
const HEADLINE_WITHIN = 8;

/**
 * Removes the article's own copy of the headline (a heading near the start whose text is the
 * title), since the reader shows the title above the article. Returns whether one was removed.
 */
export function dropRepeatedTitle(root: ParentNode, title: string): boolean {
  const want = norm(title);
  if (!want) return false;
  const els = Array.from(root.querySelectorAll('*')).slice(0, HEADLINE_WITHIN * 4);
  let seen = 0;
  for (const el of els) {
    const tag = el.localName.toLowerCase();
    if (/^h[1-6]$/.test(tag)) {
      if (norm(el.textContent ?? '') === want) {
        el.remove();
        return true;
      }
      seen++;
    } else if (tag === 'p' && norm(el.textContent ?? '')) seen++;
    if (seen >= HEADLINE_WITHIN) break;
  }
  return false;
}

/** The host of a URL without "www.", for "From globalnews.ca" when the page names no site. */
export function hostLabel(url: string): string {
  return hostOf(url).replace(/^www\./, '');
}

/** Shared by the filters that read the small box a line sits in. */
import type { DetectorContext } from '../find/detector';

/** How far up from a line the name of the small box it sits in is read (a comment box, a rating widget). */
export const NAMED_BOX_LEVELS = 2;

/**
 * The small box named so (`hint` a quick test of the raw name, `words` of one of its name's words)
 * that holds `el`: `el` itself or an ancestor up to NAMED_BOX_LEVELS up, none of them holding more
 * than `maxChars` of text. Null when there is none.
 */
export function smallNamedBox(ctx: DetectorContext, el: Element, maxChars: number, hint: RegExp, words: ReadonlySet<string> | RegExp): Element | null {
  let a: Element | null = el;
  for (let i = 0; a && a !== ctx.body && i <= NAMED_BOX_LEVELS; i++, a = a.parentElement) {
    if (ctx.len(a) > maxChars) return null;
    if (ctx.namedWord(a, hint, words)) return a;
  }
  return null;
}

/** One of a run of siblings of the same tag and class (a list's entries: comments, a live commentary's posts). */
export function repeatedItem(el: Element): boolean {
  const cls = el.getAttribute('class');
  if (!cls) return false;
  for (const sib of Array.from(el.parentElement?.children ?? [])) {
    if (sib !== el && sib.tagName === el.tagName && sib.getAttribute('class') === cls) return true;
  }
  return false;
}

/**
 * A recipe page's ingredient list. Readability's article on a recipe page is the method, its longest
 * run of prose; the list of amounts and names sits in a box of its own and is left out. The recipe is
 * both: when the page declares a Recipe (JSON-LD or microdata), the list named so joins the article.
 */
import type { PageIndex } from '../page/index';
import { nameWordsOf } from '../page/dom';
import { hasWord } from '../vocab/group';
import { INGREDIENTS_CLASS } from '../vocab/article';

/** A recipe's ingredient list is lines of amounts and names: longer is the whole recipe page. */
export const MAX_INGREDIENTS_CHARS = 3000;

/**
 * A recipe page's ingredient list, when Readability's article (the method) left it out: the page
 * declares a Recipe (JSON-LD or microdata) and names the list (`recipe-ingredients`, `zutaten`).
 * The outermost such element that is still a list, not the page.
 */
export function recipeIngredients(doc: Document, index: PageIndex, represented: Set<Element>): Element | null {
  let best: Element | null = null;
  let bestLen = 0;
  for (const el of index.all) {
    const st = index.stats.get(el);
    if (!st || st.len === 0 || st.len > MAX_INGREDIENTS_CHARS || st.mute || st.chrome || !INGREDIENTS_CLASS.hint.test(st.name)) continue;
    if (!nameWordsOf(st.name).some((w) => hasWord(INGREDIENTS_CLASS.words, w))) continue;
    if (best && best.contains(el)) continue; // document order: the outer list came first and wins
    if (represented.has(el) || el.querySelector('h1, article')) continue;
    if (!best || st.len > bestLen) [best, bestLen] = [el, st.len];
  }
  if (!best) return null;
  // Only now (most pages name no ingredients) the page's declarations are read.
  const declared =
    doc.querySelector('[itemtype*="schema.org/Recipe" i]') !== null ||
    Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).some((s) => /"@type"\s*:\s*(?:\[[^\]]*)?"Recipe"/.test(s.textContent ?? ''));
  if (!declared) return null;
  for (const el of Array.from(best.querySelectorAll('*'))) if (represented.has(el)) return null; // the article has (some of) it
  return best;
}

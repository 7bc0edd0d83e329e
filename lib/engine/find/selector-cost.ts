/**
 * Selector shapes too costly to run: a rule's selector is a query over the page on every cleaning
 * and a line of the early stylesheet, which the browser matches again on every change to the page.
 *
 * The costly ones are all `:has()`: it makes each element the rest of the selector names search
 * around itself. Under a sibling combinator (`:has(~ div)`, `:has(+ .x)`, `:has(> a ~ b)`) that
 * search runs over every later sibling, and their subtrees: on a list of 3,000 rows that is millions
 * of tests per query, and Chromium redoes it on each change (`div:has(~ div div div):has(~ div div
 * div div)` froze such a page for 6 s; linkedom, the engine's DOM in the background and the CLI,
 * takes tens of seconds for a single `:has(+ …)` query). A `:has()` inside another one multiplies
 * the searches (browsers refuse it outright), and each `:has()` adds one. A `:has()` that looks down
 * (`:has(> img)`, `:has(.label)`, `:has(div div a)`) costs one walk of the element's subtree; it is
 * what filter lists use, and stays.
 *
 * The check reads the selector's text, so it gives the same answer where a rule enters (the options
 * page, a filter list, a backup, a site rule file) and where the engine uses it.
 */

/** Why a selector is refused as too costly. */
export type SelectorCost = 'has-sibling' | 'has-nested' | 'has-count';

/** Most `:has()` in one rule's selector: each is a search from every element the rest names. */
export const MAX_HAS_PER_SELECTOR = 3;

/** The English reason for each cost (the engine's reports, the CLI). */
export const SELECTOR_COST_MESSAGES: Record<SelectorCost, string> = {
  'has-sibling': 'a :has() with a sibling combinator (~ or +) inside searches every later sibling of every element it is tried on',
  'has-nested': 'a :has() inside a :has() multiplies the searches',
  'has-count': `more than ${MAX_HAS_PER_SELECTOR} :has() in one selector`,
};

const IDENT = /[-\w\u0080-\uffff]/;

/**
 * An identifier from `at` (CSS escapes read as what they stand for: `h\61s` is `has`), and where
 * it ends.
 */
function readIdent(s: string, at: number): { name: string; end: number } {
  let name = '';
  let i = at;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      const hex = /^[0-9a-f]{1,6}\s?/i.exec(s.slice(i + 1, i + 8));
      if (hex) {
        name += String.fromCodePoint(Math.min(parseInt(hex[0], 16), 0x10ffff));
        i += 1 + hex[0].length;
      } else {
        name += s[i + 1] ?? '';
        i += 2;
      }
    } else if (IDENT.test(c)) {
      name += c;
      i++;
    } else {
      break;
    }
  }
  return { name: name.toLowerCase(), end: i };
}

/** Where the quoted string or the `[attribute]` starting at `at` ends (the index of its last character). */
function skipPast(s: string, at: number): number {
  const close = s[at] === '[' ? ']' : s[at];
  let quote = '';
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (quote) {
      if (c === quote) quote = '';
    } else if (c === close) return i;
    else if (close === ']' && (c === '"' || c === "'")) quote = c;
  }
  return s.length;
}

/** Why a selector is too costly to run, or null. Reads the text only: a selector that does not parse gets null here. */
export function selectorCost(selector: string): SelectorCost | null {
  const s = selector;
  /** The functions open at this point (`has`, `is`, `nth-child`, or '' for a bare parenthesis). */
  const open: string[] = [];
  let hasCount = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++; // an escaped character is part of a name: `.a\~b`, `.x\+y`
    } else if (c === '"' || c === "'" || c === '[') {
      i = skipPast(s, i); // `[class~="a"]`, `[title="a + b"]`
    } else if (c === ':') {
      const start = s[i + 1] === ':' ? i + 2 : i + 1;
      const { name, end } = readIdent(s, start);
      if (s[end] === '(') {
        if (name === 'has') {
          if (open.includes('has')) return 'has-nested';
          if (++hasCount > MAX_HAS_PER_SELECTOR) return 'has-count';
        }
        open.push(name);
        i = end;
      } else {
        i = end - 1;
      }
    } else if (c === '(') {
      open.push('');
    } else if (c === ')') {
      open.pop();
    } else if ((c === '~' || c === '+') && open.includes('has')) {
      if (c === '+' && open[open.length - 1].startsWith('nth-')) continue; // `:nth-child(2n+1)`
      return 'has-sibling';
    }
  }
  return null;
}

/**
 * Small DOM helpers shared by the engine and the detectors. They use only what both browsers and
 * linkedom implement (no layout, no computed style), so the engine runs the same in both.
 */

/** Elements whose text never shows on the page. */
const INVISIBLE_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'IFRAME', 'OBJECT', 'SVG']);

/** Tags that start a new line of text: used to keep paragraphs apart when text is extracted. */
const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'BUTTON',
  'LABEL',
  'OPTION',
  'SELECT',
  'TEXTAREA',
  'LEGEND',
  'CAPTION',
]);

/** Attribute the engine sets on the blocks it hides; the stylesheet keys on it. */
export const HIDDEN_ATTR = 'data-declutter-hidden';

/** Collapses white space (including no-break spaces) and trims. */
export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Length `collapse(s)` would have, without building the string. */
export function collapsedLength(s: string): number {
  let n = 0;
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xa0 || c === 0x200b) {
      gap = n > 0;
      continue;
    }
    if (gap) {
      n++;
      gap = false;
    }
    n++;
  }
  return n;
}

/**
 * The start of an element's text, at least `chars` characters past its leading white space (all of
 * it when shorter): what a test of how the text begins needs, without building the whole text.
 * `visible`: as `blockText` reads it (scripts, styles, icons left out; blocks apart); else as
 * `textContent` does. Only for tests anchored at the start that read at most `chars` characters.
 */
export function textStart(root: Node, chars: number, visible = false): string {
  let out = '';
  let seen = 0; // characters past the leading white space
  // Depth first with a stack of its own (a page may nest deeper than the call stack goes): each
  // entry is the next child to read at one level, and whether the element closing there ends with
  // a space.
  const stack: { next: ChildNode | null; space: boolean }[] = [{ next: root.firstChild, space: false }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const child = top.next;
    if (!child) {
      stack.pop();
      if (top.space) out += ' ';
      continue;
    }
    top.next = child.nextSibling;
    if (child.nodeType === 3) {
      const v = child.nodeValue ?? '';
      out += v;
      seen = seen > 0 ? seen + v.length : out.trimStart().length;
      if (seen >= chars) return out;
    } else if (child.nodeType === 1) {
      const el = child as Element;
      if (!visible) {
        stack.push({ next: el.firstChild, space: false });
        continue;
      }
      const tag = el.tagName.toUpperCase();
      if (INVISIBLE_TAGS.has(tag)) continue;
      const block = BLOCK_TAGS.has(tag);
      if (block) out += ' ';
      stack.push({ next: el.firstChild, space: block || tag === 'TD' || tag === 'TH' || tag === 'IMG' || tag === 'INPUT' || tag === 'BR' });
    }
  }
  return out;
}

/** Text for comparing blocks: collapsed, lower-cased, quotes and dashes unified. */
export function normalize(s: string): string {
  return collapse(s)
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b`´]/g, "'")
    .replace(/[\u201c\u201d\u201e]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-');
}

/** `textContent` collapsed. Cheap; use where line structure does not matter. */
export function textOf(el: Node): string {
  return collapse(el.textContent ?? '');
}

function inlineHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

export interface TextOptions {
  /** Skip elements that are hidden by markup (`hidden`, inline display:none) or by the engine. */
  visibleOnly?: boolean;
  /** Leave out elements this returns true for (and everything inside them). */
  skip?: (el: Element) => boolean;
}

/**
 * Text of a subtree with one line per block element, as a reader sees it: script, style and other
 * invisible elements are left out; words on either side of a block boundary are never glued.
 */
export function blockText(root: Node, opts: TextOptions = {}): string {
  const out: string[] = [];
  let line = '';
  const flush = () => {
    const t = collapse(line);
    if (t) out.push(t);
    line = '';
  };
  // Depth first with a stack of its own (a page may nest deeper than the call stack goes): each
  // entry is the next child to read at one level, and what the element closing there ends with.
  const stack: { next: ChildNode | null; end: 'line' | 'space' | null }[] = [{ next: root.firstChild, end: null }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const child = top.next;
    if (!child) {
      stack.pop();
      if (top.end === 'line') flush();
      else if (top.end === 'space') line += ' ';
      continue;
    }
    top.next = child.nextSibling;
    if (child.nodeType === 3) {
      line += child.nodeValue ?? '';
    } else if (child.nodeType === 1) {
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (INVISIBLE_TAGS.has(tag)) continue;
      if (opts.visibleOnly && (inlineHidden(el) || el.hasAttribute(HIDDEN_ATTR))) continue;
      if (opts.skip?.(el)) continue;
      if (tag === 'IMG' || tag === 'INPUT') {
        line += ' ';
        continue;
      }
      const block = BLOCK_TAGS.has(tag);
      if (block) flush();
      stack.push({ next: el.firstChild, end: block ? 'line' : tag === 'TD' || tag === 'TH' ? 'space' : null });
    }
  }
  flush();
  return out.join('\n');
}

/** Length of the text inside links divided by all text: 0 for prose, near 1 for menus and link lists. */
export function linkDensity(el: Element, textLength = textOf(el).length): number {
  if (textLength === 0) return 0;
  let linked = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) linked += textOf(a).length;
  return Math.min(1, linked / textLength);
}

/**
 * Words of an element's class and id, split on `-`, `_` and camelCase: `c-inlineSignup__title` →
 * `c inline signup title`. Detectors match these words, so `ad` matches `l-article__ad` but not
 * `header` or `shadow`.
 */
export function nameWords(el: Element): string[] {
  return nameWordsOf(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`);
}

/** `nameWords` of a raw "class id" string. */
export function nameWordsOf(raw: string): string[] {
  if (!raw.trim()) return [];
  return raw
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Short, stable, non-cryptographic hash (FNV-1a, base 36). */
export function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Milliseconds, high resolution where the platform has it. */
export function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

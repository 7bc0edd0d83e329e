/**
 * Apply: hide blocks reversibly with one attribute per block and one stylesheet per document.
 * Page nodes are never removed or moved; restoring takes away exactly what hiding added.
 */
import { HIDDEN_ATTR } from '../page/dom';

export { HIDDEN_ATTR };
/** Set on a hidden block the user asked to see for a moment (popup "Show"). */
export const SHOW_ATTR = 'data-declutter-show';
export const STYLE_ID = 'declutter-style';

export const STYLESHEET = `[${HIDDEN_ATTR}]:not([${SHOW_ATTR}]){display:none!important}
[${SHOW_ATTR}]{outline:3px dashed #d9480f!important;outline-offset:2px!important}`;

/**
 * What hiding added to a document, known by identity: our <style> element, and each element we
 * marked (with its block id, and the page's own value of HIDDEN_ATTR if it had one). A page may
 * use our id, our stylesheet's text or our attributes itself: going by them, hiding added no
 * stylesheet and restoring removed the page's own element or attributes. Only what is here is
 * ever touched again.
 */
interface Added {
  style: Element | null;
  marked: Map<Element, { id: string; prior: string | null }>;
}
const added = new WeakMap<Document, Added>();

function addedTo(doc: Document): Added {
  let a = added.get(doc);
  if (!a) {
    a = { style: null, marked: new Map() };
    added.set(doc, a);
  }
  return a;
}

function ensureStyle(doc: Document): void {
  const a = addedTo(doc);
  if (a.style?.isConnected) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = STYLESHEET;
  const parent = doc.head ?? doc.documentElement;
  if (!parent) return;
  parent.appendChild(style);
  a.style = style;
}

function removeStyle(doc: Document): void {
  const a = added.get(doc);
  a?.style?.remove();
  if (a) a.style = null;
}

/** Hides each element, tagged with its block id. Elements already hidden by us keep their id. */
export function hideBlocks(doc: Document, blocks: Iterable<[string, Element]>): number {
  const { marked } = addedTo(doc);
  let n = 0;
  for (const [id, el] of blocks) {
    if (!el.isConnected) continue;
    if (!marked.has(el)) {
      marked.set(el, { id, prior: el.getAttribute(HIDDEN_ATTR) });
      el.setAttribute(HIDDEN_ATTR, id);
    }
    n++;
  }
  if (n > 0) ensureStyle(doc);
  return n;
}

/** The element hiding a block, if it is on the page (ours: not a page element with the same mark). */
export function hiddenElement(doc: Document, id: string): Element | null {
  for (const [el, mark] of added.get(doc)?.marked ?? []) if (mark.id === id && el.isConnected) return el;
  return null;
}

/** Shows one block for a moment (outlined) or hides it again. */
export function setShown(doc: Document, id: string, shown: boolean): Element | null {
  const el = hiddenElement(doc, id);
  if (!el) return null;
  if (shown) el.setAttribute(SHOW_ATTR, '');
  else el.removeAttribute(SHOW_ATTR);
  return el;
}

/** Takes our marks off one element: the page's own value of HIDDEN_ATTR, if it had one, comes back. */
function unmark(el: Element, prior: string | null): void {
  if (prior === null) el.removeAttribute(HIDDEN_ATTR);
  else el.setAttribute(HIDDEN_ATTR, prior);
  el.removeAttribute(SHOW_ATTR);
}

/** Restores one block for good. */
export function restoreBlock(doc: Document, id: string): boolean {
  const el = hiddenElement(doc, id);
  const a = added.get(doc);
  if (!el || !a) return false;
  unmark(el, a.marked.get(el)!.prior);
  a.marked.delete(el);
  if (![...a.marked.keys()].some((x) => x.isConnected)) removeStyle(doc);
  return true;
}

/** Restores the page exactly: every attribute and the stylesheet we added are taken away. */
export function restoreAll(doc: Document): number {
  const a = added.get(doc);
  if (!a) return 0;
  let n = 0;
  for (const [el, { prior }] of a.marked) {
    if (el.isConnected) n++;
    unmark(el, prior);
  }
  a.marked.clear();
  removeStyle(doc);
  return n;
}

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
 * Our stylesheet: the <style> with our id and our text. A page may use the id itself; going by the
 * id alone, hiding added no stylesheet (nothing was hidden) and restoring removed the page's element.
 */
function ownStyle(doc: Document): Element | null {
  for (const el of Array.from(doc.querySelectorAll(`style#${STYLE_ID}`))) if (el.textContent === STYLESHEET) return el;
  return null;
}

function ensureStyle(doc: Document): void {
  if (ownStyle(doc)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = STYLESHEET;
  (doc.head ?? doc.documentElement)?.appendChild(style);
}

/** Hides each element, tagged with its block id. Elements already hidden by us keep their id. */
export function hideBlocks(doc: Document, blocks: Iterable<[string, Element]>): number {
  let n = 0;
  for (const [id, el] of blocks) {
    if (!el.isConnected) continue;
    if (!el.hasAttribute(HIDDEN_ATTR)) el.setAttribute(HIDDEN_ATTR, id);
    n++;
  }
  if (n > 0) ensureStyle(doc);
  return n;
}

/** The element hiding a block, if it is on the page. */
export function hiddenElement(doc: Document, id: string): Element | null {
  for (const el of Array.from(doc.querySelectorAll(`[${HIDDEN_ATTR}]`))) if (el.getAttribute(HIDDEN_ATTR) === id) return el;
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

/** Restores one block for good. */
export function restoreBlock(doc: Document, id: string): boolean {
  const el = hiddenElement(doc, id);
  if (!el) return false;
  el.removeAttribute(HIDDEN_ATTR);
  el.removeAttribute(SHOW_ATTR);
  if (!doc.querySelector(`[${HIDDEN_ATTR}]`)) ownStyle(doc)?.remove();
  return true;
}

/** Restores the page exactly: every attribute and the stylesheet we added are taken away. */
export function restoreAll(doc: Document): number {
  const els = Array.from(doc.querySelectorAll(`[${HIDDEN_ATTR}], [${SHOW_ATTR}]`));
  for (const el of els) {
    el.removeAttribute(HIDDEN_ATTR);
    el.removeAttribute(SHOW_ATTR);
  }
  ownStyle(doc)?.remove();
  return els.length;
}

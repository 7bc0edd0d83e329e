/**
 * The content script's life on a page, and the page events it listens to.
 *
 * A page's scripts share the DOM with us: any event on its window or document may be one of
 * theirs, made with `dispatchEvent`. So:
 *
 *   - a page event counts only when the browser fired it (`isTrusted`): a page script's made-up
 *     `pagehide`, `load` or `scroll` changes nothing (`onTrusted`)
 *   - this copy of the script ends only when the extension it belongs to is gone (updated,
 *     reloaded, turned off or removed): its runtime then has no id (`ScriptLife`). A signal in the
 *     page says nothing we can trust — WXT's "a newer copy started" event (a CustomEvent on the
 *     document, named after our public id) can be sent by any page script — so it only makes us
 *     look at the runtime.
 */
import { browser } from 'wxt/browser';

/** Is the extension this copy of the script belongs to still there? */
export function extensionAlive(): boolean {
  try {
    return browser.runtime?.id != null;
  } catch {
    return false;
  }
}

/** Ends once, when the extension this copy belongs to is gone; never on a page's word. */
export class ScriptLife {
  private done = false;
  private readonly endings: (() => void)[] = [];

  constructor(private readonly alive: () => boolean = extensionAlive) {}

  /** Has this copy ended? */
  get ended(): boolean {
    return this.done;
  }

  /** Runs `fn` when this copy ends (a failing one does not keep the others from running). */
  onEnd(fn: () => void): void {
    if (this.done) return;
    this.endings.push(fn);
  }

  /** Looks at the runtime: gone, this copy ends (once). Returns whether this copy lives on. */
  check(): boolean {
    if (!this.done && !this.alive()) {
      this.done = true;
      for (const fn of this.endings.splice(0)) {
        try {
          fn();
        } catch {
          // the others still run
        }
      }
    }
    return !this.done;
  }

  /**
   * Checks the runtime whenever `type` (the event a newer copy of this script sends as it starts)
   * reaches the document: an old copy's runtime is gone by then; anything else finds it alive.
   */
  watchNewerCopies(doc: Document, type: string): void {
    const listener = () => void this.check();
    doc.addEventListener(type, listener);
    this.onEnd(() => doc.removeEventListener(type, listener));
  }
}

/**
 * Listens to `type` on `target`, for the events the browser fires only: one a page script made
 * (`isTrusted` false) is not passed on, and does not use up a `once` listener. Returns the remover.
 */
export function onTrusted<E extends Event = Event>(
  target: EventTarget,
  type: string,
  handler: (e: E) => void,
  options: { once?: boolean; capture?: boolean; passive?: boolean } = {},
): () => void {
  const { once = false, capture = false, passive } = options;
  const remove = () => target.removeEventListener(type, listener, capture);
  const listener = (e: Event) => {
    if (!e.isTrusted) return;
    if (once) remove();
    handler(e as E);
  };
  target.addEventListener(type, listener, { capture, passive });
  return remove;
}

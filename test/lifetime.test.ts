/**
 * The content script's life and its page events (lib/extension/content/lifetime.ts) under linkedom:
 * a page script's made-up events (isTrusted false) change nothing; the script ends only when the
 * extension's runtime is gone.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { ScriptLife, onTrusted } from '../lib/extension/content/lifetime';

function page() {
  const { document, window } = parseHTML('<!doctype html><html><head></head><body><p>Hello</p></body></html>');
  return { doc: document as unknown as Document, win: window as unknown as Window & typeof globalThis };
}

/** An event as the browser fires it (linkedom's events are a page script's: not trusted). */
function browserEvent(win: Window & typeof globalThis, type: string): Event {
  const e = new win.Event(type);
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}

/** The event WXT's newer copy sends as it starts, as any page script can send it too. */
const STARTED = 'abcdefghijklmnop:content:wxt:content-script-started';
function forgedStart(win: Window & typeof globalThis): Event {
  return new win.CustomEvent(STARTED, { detail: { contentScriptName: 'content', messageId: 'x' } });
}

describe('ScriptLife', () => {
  it('does not end on a page script’s "a newer copy started" while the extension is alive', () => {
    const { doc, win } = page();
    let alive = true;
    const life = new ScriptLife(() => alive);
    const end = vi.fn();
    life.onEnd(end);
    life.watchNewerCopies(doc, STARTED);
    doc.dispatchEvent(forgedStart(win));
    doc.dispatchEvent(forgedStart(win));
    expect(end).not.toHaveBeenCalled();
    expect(life.ended).toBe(false);
    expect(life.check()).toBe(true);

    // The extension was updated: the newer copy's event (or any look at the runtime) ends this one, once.
    alive = false;
    doc.dispatchEvent(forgedStart(win));
    expect(end).toHaveBeenCalledTimes(1);
    expect(life.ended).toBe(true);
    expect(life.check()).toBe(false);
    doc.dispatchEvent(forgedStart(win));
    expect(end).toHaveBeenCalledTimes(1);
  });

  it('ends when a look at the runtime finds it gone; every ending runs though one fails', () => {
    let alive = true;
    const life = new ScriptLife(() => alive);
    const ran: string[] = [];
    life.onEnd(() => ran.push('a'));
    life.onEnd(() => {
      throw new Error('broken');
    });
    life.onEnd(() => ran.push('c'));
    expect(life.check()).toBe(true);
    alive = false;
    expect(life.check()).toBe(false);
    expect(ran).toEqual(['a', 'c']);
    life.onEnd(() => ran.push('late'));
    life.check();
    expect(ran).toEqual(['a', 'c']);
  });
});

describe('onTrusted', () => {
  it('passes on the browser’s events only; a made-up one does not use up a `once` listener', () => {
    const { win } = page();
    const seen: string[] = [];
    onTrusted(win, 'pagehide', (e) => seen.push(`hide ${e.isTrusted}`));
    onTrusted(win, 'load', () => seen.push('load'), { once: true });
    win.dispatchEvent(new win.Event('pagehide'));
    win.dispatchEvent(new win.Event('load'));
    expect(seen).toEqual([]);
    win.dispatchEvent(browserEvent(win, 'pagehide'));
    win.dispatchEvent(browserEvent(win, 'load'));
    win.dispatchEvent(browserEvent(win, 'load'));
    expect(seen).toEqual(['hide true', 'load']);
  });

  it('returns its remover', () => {
    const { win } = page();
    const handler = vi.fn();
    const remove = onTrusted(win, 'pageshow', handler);
    remove();
    win.dispatchEvent(browserEvent(win, 'pageshow'));
    expect(handler).not.toHaveBeenCalled();
  });
});

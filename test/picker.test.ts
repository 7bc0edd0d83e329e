/**
 * The block picker (lib/picker.ts) under linkedom: what a pick proposes (walking up from what was
 * clicked, never naming article text), the kind it guesses, and the picker's life on a page: the
 * pick swallowed before page handlers, Esc, Hide, a failing save, a failing handler, and the page
 * left exactly as it was.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { PICKER_TAG, PickChain, articleGuard, articleParagraphs, guessKind, proposeForPick, startPicker, type PickChoice } from '../lib/ui/picker/picker';
import { para } from './helpers/dom';

const CARD = (n: number) => `<div class="tip-card"><span class="css-1x2y3z"><b>Tip ${n}</b></span> Water the tomatoes early in the morning.</div>`;

/** An article with a repeated box between its paragraphs, and a box sharing a class with the text. */
const PAGE = `<!doctype html><html><head><title>Council votes on budget</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Council votes on budget after a long night</h1><div class="story-body">
${para(1)}${para(2)}${CARD(1)}${para(3)}${para(4)}${CARD(2)}${para(5)}${para(6)}${CARD(3)}${para(7)}${para(8)}
<div class="box"><p class="lead">${'The mayor said the vote was the hardest of her term, and that the library would open next spring. '.repeat(2)}</p></div>
</div></article>
<aside class="rail"><div class="box">Our partner shop: garden chairs half price</div></aside></main>
<footer><p>© News Example</p></footer></body></html>`;

function page(html = PAGE) {
  const { document, window } = parseHTML(html);
  const doc = document as unknown as Document;
  return { doc, window: window as unknown as Window & typeof globalThis, html: () => doc.documentElement.outerHTML };
}

/** A user's event, as linkedom makes it (the tests' pickers take every event as the user's). */
function fire(target: EventTarget, win: Window & typeof globalThis, type: string, extra: Record<string, unknown> = {}): Event {
  const e = new win.Event(type, { bubbles: true, cancelable: true });
  for (const [k, v] of Object.entries(extra)) Object.defineProperty(e, k, { value: v });
  target.dispatchEvent(e);
  return e;
}

const everyEvent = () => true;

describe('articleGuard', () => {
  it('refuses a paragraph, what holds one and what sits inside one; nothing else', () => {
    const { doc } = page();
    const p = doc.querySelector('.story-body p')!;
    const avoid = articleGuard([p]);
    expect(avoid(p)).toBe(true);
    expect(avoid(doc.querySelector('.story-body')!)).toBe(true);
    expect(avoid(doc.body)).toBe(true);
    const inside = doc.createElement('span');
    p.append(inside);
    expect(avoid(inside)).toBe(true);
    expect(avoid(doc.querySelector('.tip-card')!)).toBe(false);
    expect(avoid(doc.querySelector('.rail')!)).toBe(false);
    // The page's frame, with or without article text.
    for (const tag of ['html', 'body', 'main']) expect(articleGuard([])(doc.querySelector(tag)!), tag).toBe(true);
  });

  it('reads the paragraphs as the engine does', () => {
    const { doc } = page();
    const found = articleParagraphs(doc);
    const texts = found.map((p) => p.textContent ?? '');
    for (const n of [1, 4, 8]) expect(texts.some((t) => t.startsWith(`Paragraph ${n} `))).toBe(true);
    expect(found.some((el) => el.closest('.tip-card'))).toBe(false);
  });
});

describe('proposals for a pick', () => {
  it('walks up from an element nothing stable names to the block around it', () => {
    const { doc } = page();
    const avoid = articleGuard(articleParagraphs(doc));
    const clicked = doc.querySelector('.tip-card .css-1x2y3z b')!;
    const found = proposeForPick(clicked, avoid)!;
    expect(found.el).toBe(doc.querySelector('.tip-card'));
    expect(found.proposals[0]).toEqual({ selector: '.tip-card', matches: 3 });
  });

  it('never proposes a selector that would hide article text', () => {
    const { doc } = page();
    const avoid = articleGuard(articleParagraphs(doc));
    // A paragraph: every selector for it, and for every block around it, names article text.
    expect(proposeForPick(doc.querySelector('.story-body p')!, avoid)).toBeNull();
    // `.box` would also match the box holding the mayor's paragraph: the rail's context names only the promo.
    const promo = proposeForPick(doc.querySelector('.rail .box')!, avoid)!;
    expect(promo.proposals.map((p) => p.selector)).not.toContain('.box');
    expect(promo.proposals[0]).toEqual({ selector: 'aside.rail .box', matches: 1 });
    for (const p of promo.proposals) for (const el of Array.from(doc.querySelectorAll(p.selector))) expect(avoid(el), p.selector).toBe(false);
  });

  it('proposes no bare tag: it would name every such element of the site', () => {
    const { doc } = page('<!doctype html><html><body><section><aside><em>Hello</em></aside></section></body></html>');
    expect(proposeForPick(doc.querySelector('em')!)).toBeNull();
  });

  it('widens to the block around and narrows back towards the click', () => {
    const { doc } = page();
    const chain = new PickChain(doc.querySelector('.tip-card b')!, articleGuard(articleParagraphs(doc)));
    const start = chain.start();
    expect(chain.elements[start]).toBe(doc.querySelector('.tip-card'));
    // Around the card is the article's text: nothing wider may be proposed.
    expect(chain.next(start + 1, 1)).toBe(-1);
    // Narrower: the bold label (`.tip-card b`), inline, skipped at the start but reachable.
    const inner = chain.next(start - 1, -1);
    expect(inner).toBeGreaterThanOrEqual(0);
    expect(chain.elements[inner].tagName).toBe('B');
    expect(chain.proposals(inner)[0]).toEqual({ selector: '.tip-card b', matches: 3 });

    const rail = new PickChain(doc.querySelector('.rail .box')!, articleGuard(articleParagraphs(doc)));
    const up = rail.next(rail.start() + 1, 1);
    expect(rail.elements[up]).toBe(doc.querySelector('.rail'));
  });
});

describe('guessKind', () => {
  it('takes the kind of the engine block the pick sits in, else kind words, else ad', () => {
    const { doc } = page(`<!doctype html><html><body>
      <div data-declutter-hidden="newsletter-1x2y"><div id="a">Sign up</div></div>
      <div data-declutter-keep="related-9z"><div id="b">More</div></div>
      <div class="c-shareBar"><span id="c">Share</span></div>
      <div class="partner"><span id="d">Shop</span></div></body></html>`);
    expect(guessKind(doc.getElementById('a')!)).toBe('newsletter');
    expect(guessKind(doc.getElementById('b')!)).toBe('related');
    expect(guessKind(doc.getElementById('c')!)).toBe('share');
    expect(guessKind(doc.getElementById('d')!)).toBe('ad');
  });
});

describe('the picker on a page', () => {
  it('swallows the pick before the page sees it, proposes, and leaves the page byte-identical after Esc', async () => {
    const { doc, window, html } = page();
    const before = html();
    const card = doc.querySelectorAll('.tip-card')[1];
    const save = vi.fn();
    const picker = startPicker(doc, { save, trusted: everyEvent });
    expect(doc.documentElement.lastElementChild?.tagName.toLowerCase()).toBe(PICKER_TAG);
    expect(picker.active).toBe(true);

    fire(card.querySelector('b')!, window, 'mouseover');
    const down = fire(card.querySelector('b')!, window, 'mousedown');
    const click = fire(card.querySelector('b')!, window, 'click');
    // linkedom has no capture phase: that the page's own handlers never run is checked in Chromium (test/e2e/picker.e2e.ts).
    expect(down.defaultPrevented).toBe(true);
    expect(click.defaultPrevented).toBe(true);
    expect(picker.target).toBe(card);
    expect(picker.choice).toEqual({ selector: '.tip-card', kind: 'ad', matches: 3 });

    const esc = fire(doc.body, window, 'keydown', { key: 'Escape' });
    expect(esc.defaultPrevented).toBe(true);
    expect(await picker.done).toBeNull();
    expect(picker.active).toBe(false);
    expect(save).not.toHaveBeenCalled();
    expect(html()).toBe(before);

    // Every listener is gone: the page's clicks are its own again.
    expect(fire(card, window, 'click').defaultPrevented).toBe(false);
    expect(fire(card, window, 'mousedown').defaultPrevented).toBe(false);
  });

  it('saves the choice on Hide, with the kind chosen, and takes itself away', async () => {
    const { doc, window, html } = page();
    const before = html();
    const saved: PickChoice[] = [];
    const picker = startPicker(doc, { save: (c) => void saved.push(c), trusted: everyEvent });
    fire(doc.querySelector('.rail .box')!, window, 'click');
    expect(picker.choice?.selector).toBe('aside.rail .box');
    expect(picker.widen()).toBe(true);
    expect(picker.target).toBe(doc.querySelector('.rail'));
    expect(picker.narrow()).toBe(true);
    picker.setKind('related');
    expect(await picker.hide()).toBe(true);
    expect(saved).toEqual([{ selector: 'aside.rail .box', kind: 'related', matches: 1 }]);
    expect(await picker.done).toEqual(saved[0]);
    expect(html()).toBe(before);
  });

  it('stays open and says so when saving fails', async () => {
    const { doc, window, html } = page();
    const before = html();
    const picker = startPicker(doc, { save: () => Promise.reject(new Error('storage is full')), trusted: everyEvent });
    fire(doc.querySelector('.tip-card')!, window, 'click');
    expect(await picker.hide()).toBe(false);
    expect(picker.active).toBe(true);
    picker.cancel();
    expect(await picker.done).toBeNull();
    expect(html()).toBe(before);
  });

  it('ignores events that are not the user’s: a page script cannot pick, cancel or close it', () => {
    const { doc, window } = page();
    const pageClicks = vi.fn();
    doc.querySelector('.tip-card')!.addEventListener('click', pageClicks);
    const picker = startPicker(doc, { save: () => {} }); // the default: only trusted events count
    const click = fire(doc.querySelector('.tip-card')!, window, 'click');
    fire(doc.body, window, 'keydown', { key: 'Escape' });
    window.dispatchEvent(new window.Event('pagehide')); // a page script's, not the page going away
    expect(click.defaultPrevented).toBe(false);
    expect(pageClicks).toHaveBeenCalledTimes(1);
    expect(picker.target).toBeNull();
    expect(picker.active).toBe(true);
    // The browser's own pagehide closes it.
    const hide = new window.Event('pagehide');
    Object.defineProperty(hide, 'isTrusted', { value: true });
    window.dispatchEvent(hide);
    expect(picker.active).toBe(false);
  });

  it('takes a change of its selects from the user only (its shadow root is open to page scripts)', () => {
    const { doc, window } = page();
    const picker = startPicker(doc, { save: () => {} });
    picker.pick(doc.querySelectorAll('.tip-card')[1]);
    expect(picker.choice?.kind).toBe('ad');
    const kind = doc.querySelector(PICKER_TAG)!.shadowRoot!.querySelector('select.kind') as HTMLSelectElement;
    Object.defineProperty(kind, 'value', { value: 'newsletter', configurable: true }); // linkedom's <select> has no value
    kind.dispatchEvent(new window.Event('change'));
    expect(picker.choice?.kind).toBe('ad');
    const change = new window.Event('change');
    Object.defineProperty(change, 'isTrusted', { value: true });
    kind.dispatchEvent(change);
    expect(picker.choice?.kind).toBe('newsletter');
    picker.cancel();
  });

  it('ends, and gives the page back, when something fails inside a handler', async () => {
    const { doc, window, html } = page();
    const before = html();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const picker = startPicker(doc, {
      save: () => {},
      trusted: everyEvent,
      avoid: () => {
        throw new Error('broken');
      },
    });
    fire(doc.querySelector('.tip-card')!, window, 'click');
    expect(await picker.done).toBeNull();
    expect(html()).toBe(before);
    const pageClicks = vi.fn();
    doc.querySelector('.tip-card')!.addEventListener('click', pageClicks);
    fire(doc.querySelector('.tip-card')!, window, 'click');
    expect(pageClicks).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

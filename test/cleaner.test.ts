import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { MAX_LOCAL_TEXT, MAX_REMOTE_RETRIES, PageCleaner, REMOTE_TIMEOUT_MS, type RemoteRequest } from '../lib/extension/content/cleaner';
import { MAX_SNAPSHOT_CHARS } from '../lib/extension/content/snapshot';
import { FakeClock } from './helpers/clock';
import { HIDDEN_ATTR, SHOW_ATTR, STYLE_ID } from '../lib/engine/apply/hide';
import { KEEP_ATTR, LIVE_ATTR, SITE_STYLE_ID, builtInStyleFiles, removeSiteStyle, siteSelectors, siteStylesheet } from '../lib/engine/apply/site-style';
import { matchPatterns } from '../lib/engine/find/site-rules';
import { sites as builtin } from '../lib/rules/sites/index';
import { analyzeSnapshot } from '../lib/extension/background/snapshot-analyzer';
import type { SiteRules } from '../lib/engine/types';
import type { Clock } from '../lib/extension/content/watcher';
import { articlePage } from './helpers/dom';

const PROMO = '<div class="promo"><p>Sign up for our weekly newsletter</p><form><input type="email" placeholder="Email"><button>Sign up</button></form></div>';
const SHARE = '<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>';

const RULES: SiteRules[] = [
  {
    host: 'news.example.com',
    rules: [
      { kind: 'newsletter', selector: '.promo', reason: 'Example sign-up box' },
      { kind: 'share', selector: '.share-tools', reason: 'Example share bar' },
      { kind: 'related', selector: '.story-body', reason: 'a rule that names the article itself' },
      { kind: 'ad', selector: 'div:::broken', reason: 'not a selector' },
    ],
  },
];

const stillClock: Clock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };

/**
 * The page's DOM, but for the one mark the content script leaves on <html> of a site with built-in
 * rules (LIVE_ATTR: it keeps the site's built-in stylesheet off, lib/site-style.ts).
 */
function domOf(doc: Document): string {
  const root = doc.documentElement.cloneNode(true) as Element;
  root.removeAttribute(LIVE_ATTR);
  return root.outerHTML;
}

function page(html: string, url = 'https://www.news.example.com/2025/council-budget', sites = RULES) {
  const { document, MutationObserver } = parseHTML(html);
  const doc = document as unknown as Document;
  const cleaner = new PageCleaner(doc, {
    url,
    sites,
    clock: stillClock,
    Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
  });
  const live = () => doc.documentElement.hasAttribute(LIVE_ATTR);
  return { doc, cleaner, html: () => domOf(doc), live, raw: () => doc.documentElement.outerHTML };
}

describe('site stylesheet', () => {
  it('has one undoable rule per valid selector of the host', () => {
    const { doc } = page(articlePage(''));
    const valid = (s: string) => {
      try {
        doc.querySelector(s);
        return true;
      } catch {
        return false;
      }
    };
    const selectors = siteSelectors('www.news.example.com', RULES, valid);
    expect(selectors).toEqual(['.promo', '.share-tools', '.story-body']);
    const css = siteStylesheet(['.promo']);
    expect(css).toBe(`:is(.promo):not([${KEEP_ATTR}], [${KEEP_ATTR}] *, [${SHOW_ATTR}]){display:none!important}`);
    expect(siteSelectors('example.org', RULES)).toEqual([]);
    expect(siteSelectors('www.cnbc.com', builtin).length).toBeGreaterThan(3);
  });

  it('is a CSS file per site with built-in rules, each rule off once <html> has LIVE_ATTR', () => {
    const withText: SiteRules = { host: 'text.example.net', rules: [{ kind: 'ad', selector: 'div', hasText: 'Sponsored', reason: 'label' }] };
    const everywhere: SiteRules = { host: '*', rules: [{ kind: 'ad', selector: '.ad-slot', reason: 'every site' }] };
    const files = builtInStyleFiles([...RULES, withText, everywhere]);
    // No file for a site whose rules all test text, nor for rules of every site.
    expect(files.map((f) => f.file)).toEqual(['content-scripts/sites/news.example.com.css']);
    expect(files[0].matches).toEqual(matchPatterns(RULES));
    const lines = files[0].css.split('\n').filter((l) => l && !l.startsWith('/*'));
    // One rule per selector: a selector the browser cannot parse drops its own rule only.
    expect(lines).toEqual(['.promo', '.share-tools', '.story-body', 'div:::broken'].map((sel) => `html:not([${LIVE_ATTR}]) ${siteStylesheet([sel])}`));
    // The bundled sites: each has its file, with every plain-CSS selector of its rules.
    const bundled = builtInStyleFiles(builtin);
    expect(bundled.map((f) => f.matches)).toEqual(builtin.map((s) => matchPatterns([s])));
    for (const [i, site] of builtin.entries()) {
      for (const sel of siteSelectors(site.host, [site])) expect(bundled[i].css).toContain(`html:not([${LIVE_ATTR}]) :is(${sel})`);
    }
  });

  it('is in the page from document_start and gone when the site is off', () => {
    const { doc, cleaner, html, live } = page(articlePage(PROMO));
    const original = html();
    expect(live()).toBe(false);
    cleaner.start();
    // The site's built-in stylesheet (put in by the browser) stands down for this one.
    expect(live()).toBe(true);
    const style = doc.getElementById(SITE_STYLE_ID)!;
    expect(style.textContent).toContain(':is(.promo)');
    expect(style.textContent).not.toContain('broken');
    cleaner.turnOff('site');
    expect(html()).toBe(original);
    expect(live()).toBe(true); // else the built-in stylesheet would hide the blocks again
    expect(cleaner.state()).toMatchObject({ status: 'off', offBy: 'site', hidden: 0, blocks: [] });
  });

  it('goes in on a page whose own elements carry our ids and marks, and Off and Restore all leave them exactly as they were', () => {
    const own = (id: string, n: number, attrs = '') =>
      `<div id="${id}" class="page-own"${attrs}><p>Paragraph ${n} of the page's own box: the members met on Tuesday evening and argued for hours about the budget.</p><p>Paragraph ${n + 1} of the same box, long enough to be article text on any reading of it.</p></div>`;
    const { doc, cleaner, html } = page(articlePage(PROMO, { after: own(SITE_STYLE_ID, 1) + own(STYLE_ID, 3, ` ${KEEP_ATTR}="the page's own"`) }));
    const original = html();
    const pageOwn = () => Array.from(doc.querySelectorAll('.page-own'), (el) => el.outerHTML);
    const before = pageOwn();
    cleaner.start();
    // Our early stylesheet is in, beside the page's element of the same id.
    const ours = Array.from(doc.querySelectorAll(`style#${SITE_STYLE_ID}`));
    expect(ours).toHaveLength(1);
    expect(ours[0].textContent).toContain(':is(.promo)');
    cleaner.auto();
    expect(cleaner.status).toBe('cleaned');
    expect(doc.querySelector(`style#${STYLE_ID}`)).not.toBeNull();
    expect(pageOwn()).toEqual(before);

    cleaner.turnOff('site');
    expect(pageOwn()).toEqual(before);
    expect(html()).toBe(original);

    cleaner.turnOn();
    expect(cleaner.status).toBe('cleaned');
    expect(doc.querySelectorAll(`style#${SITE_STYLE_ID}`)).toHaveLength(1);
    expect(cleaner.restoreAll()).toBe(true);
    expect(pageOwn()).toEqual(before);
    expect(html()).toBe(original);
  });

  it('adds nothing for a host without rules', () => {
    const { cleaner, raw } = page(articlePage(PROMO), 'https://other.example.org/story');
    const original = raw();
    cleaner.start();
    expect(raw()).toBe(original);
    removeSiteStyle(cleaner['doc' as never]);
  });
});

describe('PageCleaner', () => {
  it('cleans an article page of a site with rules, and turning off restores it exactly', () => {
    const { doc, cleaner, html } = page(articlePage(PROMO, { after: SHARE }));
    const original = html();
    const states: string[] = [];
    cleaner.onChange = (s) => states.push(s.status);
    cleaner.start();
    cleaner.auto();
    const state = cleaner.state();
    expect(state.status).toBe('cleaned');
    expect(state.isArticle).toBe(true);
    expect(state.rules).toBe('news.example.com');
    expect(state.site).toBe('news.example.com');
    expect(doc.querySelector('.promo')!.getAttribute(HIDDEN_ATTR)).toMatch(/^newsletter-/);
    expect(doc.querySelector('.share-tools')!.getAttribute(HIDDEN_ATTR)).toMatch(/^share-/);
    expect(state.hidden).toBe(doc.querySelectorAll(`[${HIDDEN_ATTR}]`).length);
    expect(state.blocks.map((b) => b.rule)).toContain('site:news.example.com .promo');
    expect(doc.getElementById(STYLE_ID)).not.toBeNull();
    // The rule naming the article itself is refused by the engine, and was never in the early stylesheet.
    expect(doc.querySelector('.story-body')!.hasAttribute(HIDDEN_ATTR)).toBe(false);
    expect(cleaner.selectors).not.toContain('.story-body');
    expect(states).toEqual(['cleaned']);

    const id = state.blocks[0].id;
    expect(cleaner.show(id, true)).toBe(true);
    expect(cleaner.state().shown).toEqual([id]);
    cleaner.turnOff('global');
    expect(html()).toBe(original);
    expect(cleaner.state()).toMatchObject({ status: 'off', offBy: 'global', shown: [] });

    cleaner.turnOn();
    expect(cleaner.state().status).toBe('cleaned');
    expect(cleaner.state().blocks.map((b) => b.id)).toEqual(state.blocks.map((b) => b.id));
  });

  it('keeps a block (and its site rule lets it show), hides it again when it is no longer kept', () => {
    const { doc, cleaner } = page(articlePage(PROMO));
    cleaner.start();
    cleaner.auto();
    const block = cleaner.state().blocks.find((b) => b.kind === 'newsletter')!;
    const before = cleaner.state().hidden;
    expect(cleaner.keepBlock(block.id)).toBe(true);
    const promo = doc.querySelector('.promo')!;
    expect(promo.hasAttribute(HIDDEN_ATTR)).toBe(false);
    expect(promo.getAttribute(KEEP_ATTR)).toBe(block.id);
    expect(cleaner.state().hidden).toBe(before - 1);
    expect(cleaner.state().blocks.find((b) => b.id === block.id)!.kept).toBe(true);
    expect(cleaner.show(block.id, true)).toBe(false); // a kept block is not hidden

    cleaner.setKept([]); // the options page removed it
    expect(promo.getAttribute(HIDDEN_ATTR)).toBe(block.id);
    expect(promo.hasAttribute(KEEP_ATTR)).toBe(false);
    expect(cleaner.state().hidden).toBe(before);
  });

  it('leaves kept blocks visible from the first run', () => {
    const first = page(articlePage(PROMO));
    first.cleaner.auto();
    const id = first.cleaner.state().blocks.find((b) => b.kind === 'newsletter')!.id;

    const { doc, cleaner } = page(articlePage(PROMO));
    cleaner.start();
    cleaner.setKept([id]);
    cleaner.auto();
    expect(doc.querySelector('.promo')!.hasAttribute(HIDDEN_ATTR)).toBe(false);
    expect(doc.querySelector('.promo')!.getAttribute(KEEP_ATTR)).toBe(id);
    expect(cleaner.state().blocks.find((b) => b.id === id)!.kept).toBe(true);
  });

  it('restores all for this visit, and cleans again on request', () => {
    const { cleaner, html } = page(articlePage(PROMO));
    const original = html();
    cleaner.start();
    cleaner.auto();
    const n = cleaner.state().blocks.length;
    expect(cleaner.restoreAll()).toBe(true);
    expect(html()).toBe(original);
    expect(cleaner.state()).toMatchObject({ status: 'restored', hidden: 0 });
    expect(cleaner.state().blocks.length).toBe(n);
    expect(cleaner.clean()).toBe(true);
    expect(cleaner.state()).toMatchObject({ status: 'cleaned', hidden: n });
  });

  it('leaves a page that is not an article alone until asked', () => {
    const list = `<!doctype html><html><head><title>Front page</title></head><body><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="/s${i}">Story ${i}</a></li>`).join('')}</ul>${PROMO}</body></html>`;
    const { doc, cleaner, html } = page(list, 'https://front.example.org/');
    const original = html();
    cleaner.start();
    cleaner.auto();
    expect(cleaner.state()).toMatchObject({ status: 'not-article', isArticle: false, blocks: [], hidden: 0 });
    expect(html()).toBe(original);
    expect(cleaner.clean()).toBe(true);
    expect(cleaner.state()).toMatchObject({ status: 'cleaned', forced: true });
    expect(doc.querySelector('.promo')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
    cleaner.turnOff('site');
    expect(html()).toBe(original);
  });

  it('looks at a page that is not an article again only once it has changed', () => {
    const long = 'The council met on Tuesday and argued for hours about the budget, the roads and the library. '.repeat(7);
    const short = 'The council met on Tuesday. The roads were discussed.';
    const { doc, cleaner } = page(
      `<!doctype html><html><head><title>Notes</title></head><body><div class="one"><p>${short}</p></div></body></html>`,
      'https://notes.example.org/a',
    );
    cleaner.auto();
    expect(cleaner.state().status).toBe('not-article');
    const ms = cleaner.state().ms;
    expect(ms).toBeGreaterThan(0); // the engine ran once
    cleaner.auto();
    expect(cleaner.state().ms).toBe(ms); // same page: not analyzed again
    doc.querySelector('.one')!.insertAdjacentHTML('beforeend', `<p>${long}</p><p>${long}</p>`);
    cleaner.auto();
    expect(cleaner.state().ms).toBeGreaterThan(ms);
    expect(cleaner.state().status).toBe('cleaned');
  });

  it('answers false for blocks it does not know', () => {
    const { cleaner } = page(articlePage(PROMO));
    cleaner.auto();
    expect(cleaner.keepBlock('newsletter-nope')).toBe(false);
    expect(cleaner.unkeepBlock('newsletter-nope')).toBe(false);
    expect(cleaner.show('newsletter-nope', true)).toBe(false);
  });

  it('hides blocks inserted later, a repeat of a known block included, and reports them', async () => {
    const queue: (() => void)[] = [];
    const clock: Clock = { now: () => 0, setTimeout: (fn) => queue.push(fn), clearTimeout: () => {} };
    const { document, MutationObserver } = parseHTML(articlePage(PROMO));
    const doc = document as unknown as Document;
    const cleaner = new PageCleaner(doc, {
      url: 'https://www.news.example.com/2025/council-budget',
      sites: RULES,
      clock,
      Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
    });
    const states: number[] = [];
    cleaner.onChange = (st) => states.push(st.hidden);
    cleaner.start();
    cleaner.auto();
    const before = cleaner.state();
    const copy = doc.createElement('div');
    copy.innerHTML = PROMO;
    const body = doc.querySelector('.story-body')!;
    body.insertBefore(copy.firstElementChild!, body.firstElementChild); // the same box again, earlier
    await new Promise((r) => setTimeout(r, 0)); // mutation records arrive
    while (queue.length) queue.shift()!();
    const after = cleaner.state();
    expect(after.hidden).toBe(before.hidden + 1);
    const promos = Array.from(doc.querySelectorAll('.promo'));
    expect(promos.map((el) => el.getAttribute(HIDDEN_ATTR))).toEqual([...new Set(promos.map((el) => el.getAttribute(HIDDEN_ATTR)))]);
    expect(promos.every((el) => el.hasAttribute(HIDDEN_ATTR))).toBe(true);
    expect(new Set(after.blocks.map((b) => b.id)).size).toBe(after.blocks.length);
    expect(after.blocks[0].id).toBe(promos[0].getAttribute(HIDDEN_ATTR)); // page order
    expect(states.at(-1)).toBe(after.hidden);
    cleaner.dispose();
  });

  it('watches again after a quiet stop when the reader scrolls, not when a page script says so', () => {
    const queue: (() => void)[] = [];
    const clock: Clock = { now: () => 0, setTimeout: (fn) => queue.push(fn), clearTimeout: () => {} };
    const { document, window, MutationObserver } = parseHTML(articlePage(PROMO));
    const doc = document as unknown as Document;
    const cleaner = new PageCleaner(doc, {
      url: 'https://www.news.example.com/2025/council-budget',
      sites: RULES,
      clock,
      Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
    });
    cleaner.start();
    cleaner.auto();
    expect(cleaner.watching.running).toBe(true);
    while (queue.length) queue.shift()!(); // nothing inserted: the quiet stop
    expect(cleaner.watching.running).toBe(false);
    window.dispatchEvent(new window.Event('scroll'));
    expect(cleaner.watching.running).toBe(false);
    const scroll = new window.Event('scroll');
    Object.defineProperty(scroll, 'isTrusted', { value: true });
    window.dispatchEvent(scroll);
    expect(cleaner.watching.running).toBe(true);
    cleaner.dispose();
  });
});

describe('readerArticle', () => {
  it('is the cleaned article, without hidden blocks, with kept ones, and changes nothing on the page', () => {
    const { cleaner, html } = page(articlePage(PROMO + SHARE));
    cleaner.start();
    cleaner.auto();
    expect(cleaner.status).toBe('cleaned');
    const before = html();
    const article = cleaner.readerArticle()!;
    expect(html()).toBe(before);
    expect(article.url).toBe('https://www.news.example.com/2025/council-budget');
    expect(article.html).toContain('Paragraph 1');
    expect(article.html).not.toContain('Sign up for our weekly newsletter');
    expect(article.html).not.toMatch(/<(form|input|button)\b/);

    const promo = cleaner.state().blocks.find((b) => b.kind === 'newsletter')!;
    cleaner.keepBlock(promo.id);
    expect(cleaner.readerArticle()!.html).toContain('Sign up for our weekly newsletter');
  });

  it('works while the site is off, and leaves the page as it was', () => {
    const { cleaner, html } = page(articlePage(PROMO));
    cleaner.start();
    cleaner.turnOff('site');
    const before = html();
    expect(cleaner.readerArticle()!.html).not.toContain('Sign up for our weekly newsletter');
    expect(html()).toBe(before);
  });
});

describe('PageCleaner with the engine in the background', () => {
  /** A background that answers when told to: the real analyzer on the snapshot, through JSON. */
  function withRemote(
    html: string,
    answer: (req: RemoteRequest) => unknown = (req) => analyzeSnapshot(req),
    clock: Clock = stillClock,
    url = 'https://www.news.example.com/2025/council-budget',
  ) {
    const { document, MutationObserver } = parseHTML(html);
    const doc = document as unknown as Document;
    const queue: (() => void)[] = [];
    const sent: RemoteRequest[] = [];
    const cleaner = new PageCleaner(doc, {
      url,
      sites: RULES,
      clock,
      Observer: MutationObserver as unknown as typeof globalThis.MutationObserver,
      remote: (req) => {
        sent.push(req);
        return new Promise((resolve, reject) =>
          queue.push(() => {
            try {
              resolve(JSON.parse(JSON.stringify(answer(req) ?? null)));
            } catch (e) {
              reject(e);
            }
          }),
        );
      },
    });
    /** The background answers everything sent so far; the answers land. */
    const reply = async () => {
      while (queue.length) queue.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    };
    return { doc, cleaner, sent, reply, html: () => domOf(doc) };
  }

  it('hides what the engine on the page would hide, once the answer lands', async () => {
    const local = page(articlePage(PROMO, { after: SHARE }));
    local.cleaner.start();
    local.cleaner.auto();
    const { doc, cleaner, sent, reply } = withRemote(articlePage(PROMO, { after: SHARE }));
    cleaner.start();
    cleaner.auto();
    expect(cleaner.status).toBe('pending');
    expect(doc.querySelectorAll(`[${HIDDEN_ATTR}]`)).toHaveLength(0);
    expect(sent).toHaveLength(1);
    expect(sent[0].html).toContain('Sign up for our weekly newsletter');
    await reply();
    expect(cleaner.state().blocks).toEqual(local.cleaner.state().blocks);
    expect(cleaner.runs).toMatchObject({ sent: 1, remote: 1, local: 0, mismatched: 0 });
    expect(doc.querySelector('.promo')!.getAttribute(HIDDEN_ATTR)).toMatch(/^newsletter-/);
    expect(doc.querySelector('.story-body')!.hasAttribute(HIDDEN_ATTR)).toBe(false); // refused, and never in the early stylesheet
    expect(cleaner.selectors).not.toContain('.story-body');
  });

  it('hides the blocks still in place when the page moved under the answer, and asks again for the others', async () => {
    const clock = new FakeClock();
    const { doc, cleaner, sent, reply } = withRemote(articlePage(PROMO, { after: SHARE }), undefined, clock);
    cleaner.start();
    cleaner.auto();
    // A paragraph before the promo: its path now points one element off; the share bar's does not.
    const promo = doc.querySelector('.promo')!;
    promo.parentElement!.insertBefore(doc.createElement('p'), promo);
    await reply();
    expect(cleaner.runs).toMatchObject({ sent: 1, remote: 0, local: 0, mismatched: 1 });
    expect(cleaner.status).toBe('cleaned');
    expect(doc.querySelector('.share-tools')!.getAttribute(HIDDEN_ATTR)).toMatch(/^share-/);
    expect(promo.hasAttribute(HIDDEN_ATTR)).toBe(false);
    // Through the watcher, after its batch interval: the page as it is now.
    await clock.advance(249);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect(sent).toHaveLength(2);
    await reply();
    expect(cleaner.runs).toMatchObject({ sent: 2, remote: 1, local: 0, mismatched: 1 });
    expect(promo.getAttribute(HIDDEN_ATTR)).toMatch(/^newsletter-/);
    expect(cleaner.state().blocks.filter((b) => b.kind === 'newsletter')).toHaveLength(1);
    cleaner.dispose();
  });

  it('asks again at most MAX_REMOTE_RETRIES times in a row for a page that keeps moving', async () => {
    const clock = new FakeClock();
    const { doc, cleaner, sent, reply } = withRemote(articlePage(PROMO), undefined, clock);
    cleaner.start();
    cleaner.auto();
    for (let i = 0; i < MAX_REMOTE_RETRIES + 3; i++) {
      const promo = doc.querySelector('.promo')!;
      promo.parentElement!.insertBefore(doc.createElement('p'), promo); // no text: not a late block for the watcher
      await reply();
      await clock.advance(5_000);
    }
    expect(sent).toHaveLength(1 + MAX_REMOTE_RETRIES);
    expect(cleaner.runs).toMatchObject({ remote: 0, local: 0, mismatched: 1 + MAX_REMOTE_RETRIES });
    expect(cleaner.status).toBe('cleaned');
    cleaner.dispose();
  });

  /** The answer as the background would give it for a page that parses differently there: the first block's length of text is off. */
  const askew = (req: RemoteRequest) => {
    const a = analyzeSnapshot(req);
    return { ...a, signatures: { ...a.signatures, [a.report.blocks[0].id]: 'div:1' } };
  };

  it('runs the engine on the page when the answer does not fit a page that did not change (it parses differently away from it)', async () => {
    const { doc, cleaner, reply } = withRemote(articlePage(PROMO, { after: SHARE }), askew);
    cleaner.start();
    cleaner.auto();
    await reply();
    expect(cleaner.runs).toMatchObject({ sent: 1, remote: 0, local: 1, mismatched: 1 });
    expect(doc.querySelector('.promo')!.getAttribute(HIDDEN_ATTR)).toMatch(/^newsletter-/);
    expect(doc.querySelector('.share-tools')!.getAttribute(HIDDEN_ATTR)).toMatch(/^share-/);
  });

  it('does not run the engine on the page when it is too large: what fits is hidden, an error says why', async () => {
    const huge = `<p>${'A very long line of text. '.repeat(Math.ceil(MAX_LOCAL_TEXT / 25) + 1)}</p>`;
    const { doc, cleaner, reply } = withRemote(articlePage(PROMO, { after: SHARE + huge }), askew);
    cleaner.start();
    cleaner.auto();
    await reply();
    expect(cleaner.runs).toMatchObject({ sent: 1, remote: 0, local: 0, mismatched: 1, skipped: 1 });
    expect(cleaner.status).toBe('cleaned');
    expect(cleaner.state().errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^too large to analyze on the page: over 12,000 elements or 1,500,000 characters/),
    );
    // The blocks that check out are hidden; the one that does not stays.
    const [first, ...rest] = cleaner.state().blocks;
    expect(first.kind).toBe('share'); // the first block, off, is not among them
    expect(rest).toEqual([]);
    expect(doc.querySelector('.share-tools')!.getAttribute(HIDDEN_ATTR)).toMatch(/^share-/);
    expect(doc.querySelectorAll(`[${HIDDEN_ATTR}]`)).toHaveLength(1);
  });

  it('sends a page whose markup is over MAX_SNAPSHOT_CHARS as a compact snapshot, and never runs the engine on it here', async () => {
    const huge = `<p>${'A very long line of text. '.repeat(Math.ceil(MAX_SNAPSHOT_CHARS / 25) + 1)}</p>`;
    const { doc, cleaner, sent, reply } = withRemote(articlePage(PROMO + huge, { after: SHARE }));
    cleaner.start();
    cleaner.auto();
    expect(sent).toHaveLength(1);
    expect(sent[0].compact).toBe(true);
    expect(sent[0].html.length).toBeLessThan(100_000);
    await reply();
    expect(cleaner.runs).toMatchObject({ sent: 1, remote: 1, local: 0, mismatched: 0 });
    expect(doc.querySelector('.promo')!.getAttribute(HIDDEN_ATTR)).toMatch(/^newsletter-/);
    expect(doc.querySelector('.share-tools')!.getAttribute(HIDDEN_ATTR)).toMatch(/^share-/);
  });

  it('without the background, does not run the engine on a page too large for it: an error says why', async () => {
    const huge = `<p>${'A very long line of text. '.repeat(Math.ceil(MAX_LOCAL_TEXT / 25) + 1)}</p>`;
    const { cleaner } = page(articlePage(PROMO + huge));
    cleaner.start();
    cleaner.auto();
    expect(cleaner.status).toBe('cleaned'); // a site with rules: its stylesheet still hides what they name
    expect(cleaner.state().blocks).toEqual([]);
    expect(cleaner.state().errors.map((e) => `${e.source}: ${e.message}`)).toContainEqual(
      expect.stringMatching(/^page: too large to analyze on the page: over 12,000 elements or 1,500,000 characters/),
    );
  });

  it('runs the engine on the page when the background fails, and from then on', async () => {
    const { doc, cleaner, sent, reply } = withRemote(articlePage(PROMO), () => {
      throw new Error('the background went away');
    });
    cleaner.start();
    cleaner.auto();
    await reply();
    expect(cleaner.status).toBe('cleaned');
    expect(doc.querySelector('.promo')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
    cleaner.restoreAll();
    cleaner.clean();
    expect(sent).toHaveLength(1);
    expect(cleaner.runs).toMatchObject({ sent: 1, remote: 0, local: 2 });
    expect(cleaner.status).toBe('cleaned');
  });

  it("runs the first run's engine on the page when the answer does not come in time, and asks the background again later", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { doc, cleaner, sent } = withRemote(articlePage(PROMO), () => new Promise(() => {}));
      cleaner.start();
      cleaner.auto();
      await vi.advanceTimersByTimeAsync(REMOTE_TIMEOUT_MS);
      expect(cleaner.status).toBe('cleaned');
      expect(cleaner.runs).toMatchObject({ sent: 1, remote: 0, local: 1 });
      expect(doc.querySelector('.promo')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
      cleaner.restoreAll();
      cleaner.clean();
      expect(sent).toHaveLength(2); // slow on that page, not gone
    } finally {
      vi.useRealTimers();
    }
  });

  it('notes the shape of a page that is not an article from its textContent, not text node by text node (that walk costs ms on the page)', async () => {
    const { doc, cleaner, reply } = withRemote(
      articlePage(PROMO),
      (req) => {
        const a = analyzeSnapshot(req);
        return { ...a, report: { ...a.report, isArticle: false } };
      },
      stillClock,
      'https://elsewhere.example.org/2025/notes',
    );
    let walks = 0;
    const walker = doc.createTreeWalker.bind(doc);
    doc.createTreeWalker = ((...args: Parameters<Document['createTreeWalker']>) => (walks++, walker(...args))) as Document['createTreeWalker'];
    cleaner.auto();
    await reply();
    expect(cleaner.status).toBe('not-article');
    expect(walks).toBe(0);
    cleaner.auto(); // unchanged: not sent again
    expect(cleaner.runs.sent).toBe(1);
  });

  it('drops an answer for a page turned off meanwhile: the page stays as it was', async () => {
    const { cleaner, reply, html } = withRemote(articlePage(PROMO));
    const original = html();
    cleaner.start();
    cleaner.auto();
    cleaner.turnOff('site');
    await reply();
    expect(cleaner.status).toBe('off');
    expect(html()).toBe(original);
    expect(cleaner.runs).toMatchObject({ sent: 1, remote: 0, local: 0 });
  });

  it('asks once while an answer is on its way; a run asked for meanwhile takes its "clean anyway"', async () => {
    const plain = articlePage(PROMO).replace('news.example.com', 'elsewhere.example.org');
    const { cleaner, sent, reply } = withRemote(plain, (req) => {
      const a = analyzeSnapshot(req);
      return { ...a, report: { ...a.report, isArticle: false } }; // not an article, unless asked
    });
    cleaner.auto();
    cleaner.auto();
    cleaner.clean();
    expect(sent).toHaveLength(1);
    await reply();
    expect(cleaner.status).toBe('cleaned');
    expect(cleaner.forced).toBe(true);
  });

  it('sends the rules again when they change while an answer is on its way, and uses only the new answer', async () => {
    const { doc, cleaner, sent, reply } = withRemote(articlePage(PROMO, { after: SHARE }));
    cleaner.start();
    cleaner.auto();
    cleaner.setUserRules({ 'news.example.com': [{ selector: 'footer', kind: 'related', from: 'picker', at: 1 }] });
    expect(sent).toHaveLength(2);
    expect(sent[1].sites.some((s) => s.rules.some((r) => r.selector === 'footer'))).toBe(true);
    await reply();
    expect(cleaner.runs.remote).toBe(1);
    expect(doc.querySelector('footer')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
  });
});

describe('the site’s learned rules', () => {
  const LEARNED: SiteRules[] = [
    {
      host: 'learned.example.org',
      learned: true,
      source: 'learned',
      rules: [{ kind: 'promo', selector: '.house-ad', reason: 'Promotion of this site, learned from 3 of its 3 pages' }],
    },
  ];
  const HOUSE = '<div class="house-ad"><h3>Become a member</h3><p>Members get every story first.</p><a href="/join">Join free</a></div>';

  it('hide their blocks on an article, from the stylesheet on, named learned:', () => {
    const { doc, cleaner, html } = page(articlePage(HOUSE), 'https://learned.example.org/news/a', []);
    const original = html();
    cleaner.setLearnedRules(LEARNED);
    cleaner.start();
    expect(doc.getElementById(SITE_STYLE_ID)?.textContent).toContain('.house-ad');
    cleaner.auto();
    expect(cleaner.status).toBe('cleaned');
    const block = cleaner.state().blocks.find((b) => b.kind === 'promo')!;
    expect(block.rule).toBe('learned:learned.example.org .house-ad');
    expect(doc.querySelector('.house-ad')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
    // Keep finds the rule behind the block.
    expect(cleaner.learnedRuleOf(block.rule)).toEqual({ selector: '.house-ad' });
    expect(cleaner.learnedRuleOf('user:learned.example.org .house-ad')).toBeNull();
    // Switched off: the page is as it was.
    cleaner.setLearnedRules([]);
    cleaner.turnOff('site');
    expect(html()).toBe(original);
  });

  it('stored badly (the page, the article, a selector that does not parse), hide nothing of the article and break nothing', () => {
    const { doc, cleaner } = page(articlePage(HOUSE), 'https://learned.example.org/news/a', []);
    const hostile: SiteRules[] = [
      {
        host: 'learned.example.org',
        learned: true,
        rules: ['body', 'html', 'main', '.story-body', 'div:::x', '.house-ad'].map((selector) => ({ kind: 'promo' as const, selector, reason: 'r' })),
      },
    ];
    cleaner.setLearnedRules(hostile);
    cleaner.start();
    expect(doc.getElementById(SITE_STYLE_ID)?.textContent ?? '').not.toMatch(/:is\((body|html|main)\)/);
    cleaner.auto();
    expect(cleaner.status).toBe('cleaned');
    for (const p of Array.from(doc.querySelectorAll('.story-body > p'))) expect(p.closest(`[${HIDDEN_ATTR}]`)).toBeNull();
    expect(doc.querySelector('.house-ad')!.hasAttribute(HIDDEN_ATTR)).toBe(true);
  });

  it('do not make a page an article: on another page of the site their stylesheet goes and the page is left alone', () => {
    const list = `<!doctype html><html><head><title>Front page</title></head><body><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="/s${i}">Story ${i}</a></li>`).join('')}</ul>${HOUSE}</body></html>`;
    const { doc, cleaner, html } = page(list, 'https://learned.example.org/', []);
    const original = html();
    cleaner.setLearnedRules(LEARNED);
    cleaner.start();
    expect(doc.getElementById(SITE_STYLE_ID)).not.toBeNull();
    cleaner.auto();
    expect(cleaner.state()).toMatchObject({ status: 'not-article', isArticle: false, hidden: 0 });
    expect(doc.getElementById(SITE_STYLE_ID)).toBeNull();
    expect(html()).toBe(original);
  });
});

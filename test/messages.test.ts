import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_CHARS } from '../lib/extension/content/snapshot';
import { tabState } from './helpers/state';
import {
  ALLOWED_FROM,
  MAX_BLOCK_TEXT,
  MAX_LISTED_BLOCKS,
  acceptRequest,
  foundCount,
  listBlocks,
  MAX_ARTICLE_HTML,
  badgeCount,
  parseReaderArticle,
  parseRequest,
  parseTabState,
  senderRole,
  trimBlocks,
} from '../lib/extension/messages';
import type { Block } from '../lib/engine/types';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const popup = { id: ID, url: `${ORIGIN}popup.html?tabId=3` };
const content = { id: ID, url: 'https://globalnews.ca/news/1/', tab: { id: 7 } };

const state = tabState({
  blocks: [{ id: 'ad-1x', kind: 'ad', text: 'Advertisement', reason: 'ad slot', rule: 'site:globalnews.ca .c-ad' }],
  hidden: 1,
  ms: 12.5,
});

describe('parseRequest', () => {
  it('accepts each well-formed request', () => {
    expect(parseRequest({ type: 'pageStart' })).toEqual({ type: 'pageStart' });
    expect(parseRequest({ type: 'getTabState', tabId: 4 })).toEqual({ type: 'getTabState', tabId: 4 });
    expect(parseRequest({ type: 'show', id: 'ad-1x', shown: true })).toEqual({ type: 'show', id: 'ad-1x', shown: true });
    expect(parseRequest({ type: 'keep', id: 'ad-1x' })).toEqual({ type: 'keep', id: 'ad-1x' });
    expect(parseRequest({ type: 'tabState', state })).toEqual({ type: 'tabState', state });
    for (const type of ['getState', 'restoreAll', 'clean', 'pageStart', 'getArticle', 'pick'] as const)
      expect(parseRequest({ type, extra: 1 })).toEqual({ type });
    expect(parseRequest({ type: 'runCommand', command: 'toggle-site', tabId: 3 })).toEqual({ type: 'runCommand', command: 'toggle-site', tabId: 3 });
    expect(parseRequest({ type: 'runCommand', command: 'open-reader', tabId: 0 })).toEqual({ type: 'runCommand', command: 'open-reader', tabId: 0 });
  });

  it('checks an analyze request: markup, rules as rule files are checked (user rules and :has-text() kept), kept ids', () => {
    const sites = [
      { host: 'example.com', rules: [{ kind: 'ad', selector: '.slot', reason: 'ad' }] },
      { host: 'example.com', user: true, rules: [{ kind: 'related', selector: 'li', reason: 'mine', hasText: '/more/i' }] },
    ];
    expect(parseRequest({ type: 'analyze', html: '<p>x</p>', url: 'https://example.com/a', sites, keep: ['ad-1x', 7] })).toEqual({
      type: 'analyze',
      html: '<p>x</p>',
      url: 'https://example.com/a',
      sites,
      keep: ['ad-1x'],
    });
    for (const bad of [
      { type: 'analyze', html: 5, url: '', sites: [], keep: [] },
      { type: 'analyze', html: '', url: '', sites: [{ host: 'a b', rules: [] }], keep: [] },
      { type: 'analyze', html: '', url: '', sites: {}, keep: [] },
      { type: 'analyze', html: '', url: '', sites: [] },
      { type: 'analyze', html: 'x'.repeat(MAX_SNAPSHOT_CHARS + 1), url: '', sites: [], keep: [] },
    ]) {
      expect(parseRequest(bad), JSON.stringify(bad).slice(0, 100)).toBeNull();
    }
    expect(ALLOWED_FROM.analyze).toBe('content');
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      undefined,
      'pageStart',
      42,
      [],
      {},
      { type: 'nope' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'getTabState', tabId: -1 },
      { type: 'getTabState', tabId: 1.5 },
      { type: 'getTabState', tabId: '3' },
      { type: 'show', id: 'ad-1x' },
      { type: 'show', id: '', shown: true },
      { type: 'keep', id: 'x'.repeat(201) },
      { type: 'keep', id: 5 },
      { type: 'tabState', state: { status: 'weird' } },
      { type: 'tabState' },
      { type: 'runCommand', command: 'format-disk', tabId: 1 },
      { type: 'runCommand', command: 'toggle-site' },
      { type: 'runCommand', command: 'open-reader', tabId: -2 },
    ]) {
      expect(parseRequest(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('names a sender role for every request type', () => {
    for (const role of Object.values(ALLOWED_FROM)) expect(['content', 'page']).toContain(role);
  });
});

describe('senderRole and acceptRequest', () => {
  it('tells extension pages from content scripts', () => {
    expect(senderRole(popup, ID, ORIGIN)).toBe('page');
    expect(senderRole({ ...popup, tab: { id: 3 } }, ID, ORIGIN)).toBe('page'); // popup opened in a tab
    expect(senderRole(content, ID, ORIGIN)).toBe('content');
  });

  it('ignores senders from outside the extension', () => {
    expect(senderRole(undefined, ID, ORIGIN)).toBeNull();
    expect(senderRole({ ...content, id: 'other-extension' }, ID, ORIGIN)).toBeNull();
    expect(senderRole({ url: 'https://evil.example/' }, ID, ORIGIN)).toBeNull();
    expect(senderRole({ id: ID }, ID, ORIGIN)).toBeNull();
    expect(senderRole(content, '', ORIGIN)).toBeNull();
  });

  it('lets each role send only its own requests', () => {
    expect(acceptRequest({ type: 'tabState', state }, content, ID, ORIGIN)?.request.type).toBe('tabState');
    expect(acceptRequest({ type: 'tabState', state }, popup, ID, ORIGIN)).toBeNull();
    expect(acceptRequest({ type: 'keep', id: 'ad-1x' }, popup, ID, ORIGIN)?.role).toBe('page');
    expect(acceptRequest({ type: 'keep', id: 'ad-1x' }, content, ID, ORIGIN)).toBeNull();
    expect(acceptRequest({ type: 'getTabState', tabId: 1 }, content, ID, ORIGIN)).toBeNull();
    expect(acceptRequest({ type: 'keep' }, popup, ID, ORIGIN)).toBeNull();
    // The reader page asks a content script for the article; a content script may not ask, nor run commands.
    expect(acceptRequest({ type: 'getArticle' }, { id: ID, url: `${ORIGIN}reader.html?tabId=3` }, ID, ORIGIN)?.role).toBe('page');
    expect(acceptRequest({ type: 'getArticle' }, content, ID, ORIGIN)).toBeNull();
    expect(acceptRequest({ type: 'runCommand', command: 'toggle-site', tabId: 7 }, content, ID, ORIGIN)).toBeNull();
    expect(acceptRequest({ type: 'runCommand', command: 'toggle-site', tabId: 7 }, popup, ID, ORIGIN)?.role).toBe('page');
    // Only the popup starts the block picker: a page's own scripts reach the content script as nothing.
    expect(acceptRequest({ type: 'pick' }, popup, ID, ORIGIN)?.request).toEqual({ type: 'pick' });
    expect(acceptRequest({ type: 'pick' }, content, ID, ORIGIN)).toBeNull();
  });
});

describe('parseTabState', () => {
  it('keeps a valid state as it is', () => {
    expect(parseTabState(state)).toEqual(state);
  });

  it('gives wrong fields safe values and drops bad blocks', () => {
    const parsed = parseTabState({
      status: 'cleaned',
      url: 5,
      blocks: [{ id: 'x', kind: 'banner', text: 't' }, { id: 'ad-2', kind: 'ad', text: 'y'.repeat(5000) }, null],
      hidden: 99,
      shown: ['ad-2', 7],
      errors: [{ source: 'ad', message: 'boom' }, 'junk'],
      offBy: 'moon',
      ms: -3,
    })!;
    expect(parsed.url).toBe('');
    expect(parsed.blocks.map((b) => b.id)).toEqual(['ad-2']);
    expect(parsed.blocks[0].text.length).toBe(MAX_BLOCK_TEXT);
    expect(parsed.hidden).toBe(1);
    expect(parsed.shown).toEqual(['ad-2']);
    expect(parsed.errors).toEqual([{ source: 'ad', message: 'boom' }]);
    expect(parsed.offBy).toBeNull();
    expect(parsed.ms).toBe(0);
    expect(parsed.rules).toBeNull();
  });

  it("keeps an image-only block's media, checked: a long alt text is cut, a wrong kind of media dropped", () => {
    const blocks = [
      { id: 'ad-1', kind: 'ad', text: '', reason: 'ad slot', rule: 'detector:ad', media: { what: 'image', alt: 'a'.repeat(5000), width: 300, height: 250 } },
      { id: 'ad-2', kind: 'ad', text: '', reason: 'ad slot', rule: 'detector:ad', media: { what: 'script', alt: 'x', width: 1, height: 1 } },
      { id: 'ad-3', kind: 'ad', text: '', reason: 'ad slot', rule: 'detector:ad', media: { what: 'frame', alt: 7, width: -5, height: 'big' } },
    ];
    const parsed = parseTabState({ ...state, blocks })!;
    expect(parsed.blocks[0].media).toEqual({ what: 'image', alt: 'a'.repeat(120), width: 300, height: 250 });
    expect(parsed.blocks[1].media).toBeUndefined();
    expect(parsed.blocks[2].media).toEqual({ what: 'frame', alt: '', width: 0, height: 0 });
  });
});

describe('listBlocks', () => {
  const many = (kind: Block['kind'], n: number, from = 0): Block[] =>
    Array.from({ length: n }, (_, i) => ({ id: `${kind}-${from + i}`, kind, text: 'x'.repeat(2000), reason: 'r', rule: `detector:${kind}` }));

  it('lists every block of a page with few, texts cut', () => {
    const { blocks, more } = listBlocks(many('ad', 3));
    expect(blocks.map((b) => b.id)).toEqual(['ad-0', 'ad-1', 'ad-2']);
    expect(blocks[0].text.length).toBe(MAX_BLOCK_TEXT);
    expect(more).toEqual({});
  });

  it('lists MAX_LISTED_BLOCKS of a page with thousands, shared between kinds, and counts the rest by kind', () => {
    // Page order: duplicates, then ads, then more duplicates and newsletter prompts.
    const blocks = [...many('duplicate', 5000), ...many('ad', 3), ...many('newsletter', 600), ...many('duplicate', 5000, 5000)];
    const listed = listBlocks(blocks);
    expect(listed.blocks).toHaveLength(MAX_LISTED_BLOCKS);
    const of = (kind: Block['kind']) => listed.blocks.filter((b) => b.kind === kind);
    expect(of('ad')).toHaveLength(3); // fewer than its share: all of them
    expect(of('newsletter')).toHaveLength(Math.floor((MAX_LISTED_BLOCKS - 3) / 2));
    expect(of('duplicate')).toHaveLength(MAX_LISTED_BLOCKS - 3 - of('newsletter').length);
    // Each kind's first blocks, in page order.
    expect(of('duplicate').map((b) => b.id)).toEqual(of('duplicate').map((_, i) => `duplicate-${i}`));
    const at = listed.blocks.map((b) => blocks.findIndex((x) => x.id === b.id));
    expect(at).toEqual([...at].sort((x, y) => x - y));
    expect(listed.more).toEqual({ duplicate: 10_000 - of('duplicate').length, newsletter: 600 - of('newsletter').length });
    expect(foundCount(listed)).toBe(blocks.length);
  });

  it('is applied to a state from another context: the count of blocks and of hidden ones stays', () => {
    const blocks = many('duplicate', 10_000);
    const parsed = parseTabState({ ...state, blocks, hidden: 9_999, more: { ad: 5, banner: 7, newsletter: -1 } })!;
    expect(parsed.blocks).toHaveLength(MAX_LISTED_BLOCKS);
    expect(parsed.more).toEqual({ duplicate: 10_000 - MAX_LISTED_BLOCKS, ad: 5 });
    expect(foundCount(parsed)).toBe(10_005);
    expect(parsed.hidden).toBe(9_999);
    expect(JSON.stringify(parsed).length).toBeLessThan(1_000_000);
  });
});

describe('trimBlocks and badgeCount', () => {
  it('cuts long block texts', () => {
    const [b] = trimBlocks([{ ...state.blocks[0], text: 'z'.repeat(3000) }]);
    expect(b.text.length).toBe(MAX_BLOCK_TEXT);
    expect(b.text.endsWith('…')).toBe(true);
  });

  it('counts hidden blocks only while the page is cleaned', () => {
    expect(badgeCount(state)).toBe(1);
    expect(badgeCount({ ...state, status: 'restored' })).toBe(0);
    expect(badgeCount({ ...state, status: 'off' })).toBe(0);
    expect(badgeCount(null)).toBe(0);
  });
});

describe('parseReaderArticle', () => {
  const article = {
    url: 'https://globalnews.ca/news/1/',
    baseUrl: 'https://globalnews.ca/news/1/',
    title: 'A story',
    byline: 'Jane Roe',
    published: '2025-08-15T20:00:00Z',
    siteName: 'Global News',
    lang: 'en-CA',
    dir: 'ltr',
    html: '<div><p>Text</p></div>',
  };

  it('keeps a valid article as it is', () => {
    expect(parseReaderArticle(article)).toEqual(article);
  });

  it('refuses an article without an http(s) address or markup', () => {
    expect(parseReaderArticle(null)).toBeNull();
    expect(parseReaderArticle({ ...article, url: 'javascript:alert(1)' })).toBeNull();
    expect(parseReaderArticle({ ...article, url: 'chrome://settings' })).toBeNull();
    expect(parseReaderArticle({ ...article, html: 5 })).toBeNull();
    expect(parseReaderArticle({ ...article, html: 'x'.repeat(MAX_ARTICLE_HTML + 1) })).toBeNull();
  });

  it('gives wrong fields safe values', () => {
    expect(
      parseReaderArticle({ ...article, baseUrl: 'data:text/html,x', title: 7, byline: '  Jane\n\n Roe ', lang: 'en"><script>', dir: 'up', siteName: '' }),
    ).toEqual({
      ...article,
      baseUrl: article.url,
      title: '',
      byline: 'Jane Roe',
      lang: null,
      dir: null,
      siteName: null,
    });
  });
});

/**
 * Learning while browsing: the background digests each article page read (learner.ts), keeps a
 * bounded memory per site (storage/learned.ts), learns the site's rules again from two pages on,
 * and keeps what the user decided. The content script's side: the learned rules hide their blocks
 * and never make a page an article.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../lib/engine/analyze';
import { hideBlocks } from '../lib/engine/apply/hide';
import { collapse } from '../lib/engine/page/dom';
import { digestPage, type PageDigest } from '../lib/rules/learn';
import { Learner, learnStep, probesFor, type LearnerStore } from '../lib/extension/background/learner';
import { learnedSiteRules, mergeLearned, sanitizeLearnedRules, withLearnedOff, withoutSite, type LearnedRulesBySite } from '../lib/extension/storage/learned';
import { MAX_LEARN_BYTES, MAX_LEARN_PAGES, MAX_LEARN_SITES, sanitizeLearnPages, withPage, type LearnPagesBySite } from '../lib/extension/storage/learn-pages';
import { DEFAULT_SETTINGS } from '../lib/extension/storage/settings';
import type { Settings } from '../lib/extension/storage/types';
import { parseRequest } from '../lib/extension/messages';
import { docFrom, isHidden } from './helpers/dom';
import { LOCAL_HOST, TAGLINE, TEST_ATTR, localSite, type LocalPage } from './helpers/local-site';

const pages = localSite(4);
const digestOf = (p: LocalPage, probes: string[] = []) => digestPage({ name: p.url, doc: docFrom(p.html), url: p.url }, probes);

/** The storage items, in memory, through the same sanitizers as storage. */
function memoryStore(settings: Partial<Settings> = {}) {
  const saved = { learnPages: {} as LearnPagesBySite, learnedRules: {} as LearnedRulesBySite };
  const store: LearnerStore = {
    settings: async () => ({ ...DEFAULT_SETTINGS, disabledSites: [], ...settings }),
    memory: async () => ({ ...saved }),
    update: async (change) => {
      const next = change({ ...saved });
      saved.learnPages = sanitizeLearnPages(JSON.parse(JSON.stringify(next.learnPages)));
      saved.learnedRules = sanitizeLearnedRules(JSON.parse(JSON.stringify(next.learnedRules)));
    },
  };
  return { saved, store };
}

/** A learner that runs at once, with a clock the test moves. */
function learnerOf(store: LearnerStore) {
  let t = 1_000_000;
  const learner = new Learner(
    store,
    () => t,
    (f) => f(),
  );
  const read = async (p: LocalPage, extra: { isArticle?: boolean; incognito?: boolean; compact?: boolean } = {}) => {
    t += 60_000;
    learner.offer({ doc: docFrom(p.html), url: p.url, isArticle: true, compact: false, incognito: false, ...extra });
    await learner.idle;
  };
  return { learner, read };
}

function applyLearned(page: LocalPage, all: LearnedRulesBySite) {
  const doc = docFrom(page.html);
  const { report, elements } = analyze(doc, { url: page.url, sites: learnedSiteRules(all, LOCAL_HOST) });
  hideBlocks(doc, elements);
  return { doc, report };
}
const template = (doc: Document, name: string) => doc.querySelector(`[${TEST_ATTR}="${name}"]`)!;

describe('the background learns a site from the pages read', () => {
  it('learns nothing from one page, and the template from the second on; the fourth page loses it and keeps its article', async () => {
    const { saved, store } = memoryStore();
    const { read } = learnerOf(store);
    await read(pages[0]);
    expect(saved.learnPages[LOCAL_HOST].pages).toHaveLength(1);
    expect(saved.learnedRules).toEqual({});
    await read(pages[1]);
    await read(pages[2]);
    const site = saved.learnedRules[LOCAL_HOST];
    expect(site.pages).toBe(3);
    expect(site.rules.filter((r) => !r.off).map((r) => r.kind)).toContain('promo');
    expect(site.rules.some((r) => r.hasText && TAGLINE.includes(r.hasText))).toBe(true);
    expect(site.rules.some((r) => r.selector.includes('inline-member'))).toBe(true);
    const { doc, report } = applyLearned(pages[3], saved.learnedRules);
    expect(isHidden(template(doc, 'tagline'))).toBe(true);
    expect(isHidden(template(doc, 'membership'))).toBe(true);
    expect(isHidden(doc.querySelector('.story-byline')!)).toBe(false);
    for (const text of pages[3].paragraphs) expect(collapse(report.text)).toContain(collapse(text));
    const labels = report.blocks.filter((b) => b.kind === 'promo').map((b) => b.rule);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l.startsWith(`learned:${LOCAL_HOST} `)).toBe(true);
  });

  it('learns nothing from a page that is no article, a private window, a compact snapshot, or with learning or the site off', async () => {
    for (const [settings, extra] of [
      [{}, { isArticle: false }],
      [{}, { incognito: true }],
      [{}, { compact: true }],
      [{ learn: false }, {}],
      [{ disabledSites: [LOCAL_HOST] }, {}],
      [{ enabled: false }, {}],
    ] as const) {
      const { saved, store } = memoryStore(settings as Partial<Settings>);
      const { read } = learnerOf(store);
      await read(pages[0], extra);
      await read(pages[1], extra);
      expect(saved.learnPages, JSON.stringify([settings, extra])).toEqual({});
      expect(saved.learnedRules).toEqual({});
    }
  });

  it('digests an address once in a while: a page read again soon is not digested again', async () => {
    const { saved, store } = memoryStore();
    let t = 0;
    const learner = new Learner(
      store,
      () => t,
      (f) => f(),
    );
    let digests = 0;
    const update = store.update;
    store.update = (c) => (digests++, update(c));
    for (const at of [0, 1000, 60_000]) {
      t = at;
      learner.offer({ doc: docFrom(pages[0].html), url: pages[0].url, isArticle: true, compact: false, incognito: false });
      await learner.idle;
    }
    expect(digests).toBe(1);
    t = 2 * 60 * 60_000;
    learner.offer({ doc: docFrom(pages[0].html), url: pages[0].url, isArticle: true, compact: false, incognito: false });
    await learner.idle;
    expect(digests).toBe(2);
    expect(saved.learnPages[LOCAL_HOST].pages).toHaveLength(1); // the same page replaces its digest
  });

  it('keeps a rule the user switched off, or a Keep did, off when it learns again', async () => {
    const { saved, store } = memoryStore();
    const { read } = learnerOf(store);
    await read(pages[0]);
    await read(pages[1]);
    const rule = saved.learnedRules[LOCAL_HOST].rules.find((r) => r.selector.includes('inline-member'))!;
    saved.learnedRules = withLearnedOff(saved.learnedRules, LOCAL_HOST, rule, 'user');
    const tagline = saved.learnedRules[LOCAL_HOST].rules.find((r) => r.hasText)!;
    saved.learnedRules = withLearnedOff(saved.learnedRules, LOCAL_HOST, tagline, 'kept');
    await read(pages[2]);
    const after = saved.learnedRules[LOCAL_HOST].rules;
    expect(after.find((r) => r.selector === rule.selector && !r.hasText)?.off).toBe('user');
    expect(after.find((r) => r.hasText === tagline.hasText)?.off).toBe('kept');
    // Off rules are not applied.
    const { doc } = applyLearned(pages[3], saved.learnedRules);
    expect(isHidden(template(doc, 'membership'))).toBe(false);
    expect(isHidden(template(doc, 'tagline'))).toBe(false);
  });

  it('switches a rule off by itself when a later page shows it would hide article text', async () => {
    const { saved, store } = memoryStore();
    const { read } = learnerOf(store);
    await read(pages[0]);
    await read(pages[1]);
    const rule = saved.learnedRules[LOCAL_HOST].rules.find((r) => r.selector.includes('inline-member') && !r.hasText)!;
    expect(rule.off).toBeUndefined();
    // On the next page the site put its whole story body in a box of that class.
    const odd = { ...pages[2], html: pages[2].html.replace('<div class="story-body">', '<div class="story-body inline-member">') };
    await read(odd);
    const after = saved.learnedRules[LOCAL_HOST].rules.find((r) => r.selector === rule.selector && r.hasText === rule.hasText);
    expect(after?.off).toBe('article');
    expect(after?.offWhy).toContain(odd.url);
  });

  it('checks a new page against the site’s stored rules first', () => {
    const d0 = digestOf(pages[0]);
    const d1 = digestOf(pages[1], [...d0.selectors]);
    const step = learnStep({ learnPages: withPage({}, LOCAL_HOST, d0, 1), learnedRules: {} }, LOCAL_HOST, d1, 2);
    const keys = step.learnedRules[LOCAL_HOST].rules.map((r) => (r.hasText === undefined ? r.selector : `${r.selector}\u0000${r.hasText}`));
    expect(probesFor(step, LOCAL_HOST).slice(0, keys.length)).toEqual(keys);
  });
});

describe('the memory stays within its limits', () => {
  const digest = digestOf(pages[0]);
  const other = (i: number): PageDigest => ({ ...digest, url: `${digest.url}?${i}`, article: `${digest.article}${i}` });

  it('keeps the newest MAX_LEARN_PAGES pages of a site', () => {
    let all: LearnPagesBySite = {};
    for (let i = 0; i < MAX_LEARN_PAGES + 3; i++) all = withPage(all, LOCAL_HOST, other(i), i);
    expect(all[LOCAL_HOST].pages.map((d) => d.url)).toEqual(Array.from({ length: MAX_LEARN_PAGES }, (_, i) => `${digest.url}?${i + 3}`));
  });

  it('forgets the least recently used sites past MAX_LEARN_SITES or MAX_LEARN_BYTES', () => {
    let all: LearnPagesBySite = {};
    for (let i = 0; i < MAX_LEARN_SITES + 5; i++) all = withPage(all, `s${i}.example`, other(i), i);
    const sites = Object.keys(all);
    expect(sites.length).toBeLessThanOrEqual(MAX_LEARN_SITES);
    expect(sites).toContain(`s${MAX_LEARN_SITES + 4}.example`);
    expect(sites).not.toContain('s0.example');
    expect(JSON.stringify(all).length).toBeLessThanOrEqual(MAX_LEARN_BYTES);
    const big = (i: number): PageDigest => ({
      ...other(i),
      paragraphs: Array.from({ length: 4000 }, (_, j) => `p${i}-${j}-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`),
    });
    let heavy: LearnPagesBySite = {};
    for (let i = 0; i < 30; i++) heavy = withPage(heavy, `h${i}.example`, big(i), i);
    expect(new TextEncoder().encode(JSON.stringify(heavy)).length).toBeLessThanOrEqual(MAX_LEARN_BYTES);
    expect(Object.keys(heavy)).toContain('h29.example');
    expect(Object.keys(heavy)).not.toContain('h0.example');
  });

  it('reads a stored memory over its limits back within them: the newest MAX_LEARN_PAGES pages of a site', () => {
    const pages = Array.from({ length: MAX_LEARN_PAGES + 3 }, (_, i) => other(i));
    expect(sanitizeLearnPages({ [LOCAL_HOST]: { used: 1, pages } })[LOCAL_HOST].pages).toEqual(pages.slice(3));
  });

  it('reads corrupt values as nothing, entry by entry', () => {
    expect(sanitizeLearnPages('x')).toEqual({});
    expect(sanitizeLearnPages({ 'a.com': { used: 1, pages: [{ v: 99 }, digest] }, 'b c': { pages: [digest] }, 'c.com': 5 })).toEqual({
      'a.com': { used: 1, pages: [digest] },
    });
    const rules = sanitizeLearnedRules({
      'a.com': {
        pages: 3,
        at: 2,
        rules: [
          { kind: 'promo', selector: '.x', reason: 'r', samples: ['u'], confidence: 2, foundBy: 'f', at: 1, off: 'nope' },
          { kind: 'promo', selector: '.x', reason: 'again' },
          { kind: 'nonsense', selector: '.y' },
          { kind: 'ad', selector: '' },
          { kind: 'ad', selector: '.z', hasText: 5 },
        ],
      },
      '*': { rules: [{ kind: 'ad', selector: '.a' }] },
      'b.com': null,
    });
    expect(rules).toEqual({
      'a.com': { pages: 3, at: 2, rules: [{ kind: 'promo', selector: '.x', reason: 'r', samples: ['u'], confidence: 1, foundBy: 'f', at: 1 }] },
    });
  });

  it('forgets a site, or everything', () => {
    const all = { 'a.com': 1, 'b.com': 2 };
    expect(withoutSite(all, 'www.a.com')).toEqual({ 'b.com': 2 });
    expect(withoutSite(all)).toEqual({});
  });
});

describe('learned rules on a page', () => {
  const stored: LearnedRulesBySite = sanitizeLearnedRules({
    [LOCAL_HOST]: {
      pages: 3,
      at: 1,
      rules: [
        { kind: 'promo', selector: '.story-body .inline-member', reason: 'r', samples: [], confidence: 1, foundBy: '', at: 1 },
        { kind: 'promo', selector: '.other', reason: 'r', samples: [], confidence: 1, foundBy: '', at: 1, off: 'user' },
      ],
    },
  });

  it('are the site’s rules that are on, named learned:, and not another site’s', () => {
    const [s] = learnedSiteRules(stored, `www.${LOCAL_HOST}`);
    expect(s).toMatchObject({ host: LOCAL_HOST, learned: true });
    expect(s.rules.map((r) => r.selector)).toEqual(['.story-body .inline-member']);
    expect(learnedSiteRules(stored, 'news.example')).toEqual([]);
  });

  it('take only the rules a page began with, as it had them: what learning changes waits for the next page, the user’s switches count at once', () => {
    const more = mergeLearned(
      stored[LOCAL_HOST],
      [
        {
          kind: 'promo',
          selector: '.story-body .inline-member',
          reason: 'learned from 4 of its 4 pages',
          samples: [],
          confidence: 1,
          evidence: [],
          foundBy: '',
        },
        { kind: 'promo', selector: '.new', reason: 'r', samples: [], confidence: 1, evidence: [], foundBy: '' },
      ],
      4,
      2,
    );
    const later = { [LOCAL_HOST]: more };
    const rules = (all: LearnedRulesBySite, base?: LearnedRulesBySite) =>
      learnedSiteRules(all, LOCAL_HOST, base).flatMap((s) => s.rules.map((r) => [r.selector, r.reason]));
    expect(rules(later, stored)).toEqual([['.story-body .inline-member', 'r']]);
    expect(rules(later)).toEqual([
      ['.story-body .inline-member', 'learned from 4 of its 4 pages'],
      ['.new', 'r'],
    ]);
    // Dropped by learning again, or switched off by it: not on the open page.
    const dropped = { [LOCAL_HOST]: { ...more, rules: more.rules.filter((r) => r.selector !== '.story-body .inline-member') } };
    expect(rules(dropped, stored)).toEqual([['.story-body .inline-member', 'r']]);
    expect(rules(withLearnedOff(later, LOCAL_HOST, { selector: '.story-body .inline-member' }, 'article'), stored)).toEqual([
      ['.story-body .inline-member', 'r'],
    ]);
    // Switched off by the user or a Keep, or back on: at once.
    expect(rules(withLearnedOff(later, LOCAL_HOST, { selector: '.story-body .inline-member' }, 'user'), stored)).toEqual([]);
    expect(rules(withLearnedOff(later, LOCAL_HOST, { selector: '.other' }, null), stored)).toEqual([
      ['.story-body .inline-member', 'r'],
      ['.other', 'r'],
    ]);
  });

  it('do not make a page an article', () => {
    const listing = docFrom(
      `<html><body><ul>${Array.from({ length: 3 }, (_, i) => `<li><a href="/a${i}">Story ${i}</a></li>`).join('')}</ul><div class="story-body"><div class="inline-member">Join</div></div></body></html>`,
    );
    const sites = learnedSiteRules(stored, LOCAL_HOST);
    expect(analyze(listing, { url: `https://${LOCAL_HOST}/news`, sites }).report.isArticle).toBe(false);
    expect(analyze(listing, { url: `https://${LOCAL_HOST}/news`, sites: [{ ...sites[0], learned: false }] }).report.isArticle).toBe(true);
  });

  it('reach the background as learned rules, and a compact snapshot says so', () => {
    const req = parseRequest({
      type: 'analyze',
      html: '<p>x</p>',
      url: 'https://a.com/',
      sites: learnedSiteRules(stored, LOCAL_HOST),
      keep: [],
      compact: true,
    });
    expect(req).toMatchObject({ compact: true, sites: [{ learned: true }] });
  });
});

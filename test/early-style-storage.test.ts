/**
 * The early styles written to storage.local (lib/extension/background/early-style.ts) against an
 * in-memory storage: a key per site with selectors and the list of such sites, written when
 * settings, the user's rules or the learned rules change (whoever wrote them) and at install and
 * browser start, removed when nothing is left or the site or extension is off; corrupt values read
 * as nothing, a failed read writes nothing, and an unchanged key is not written again.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserRule } from '../lib/extension/storage/types';
import { catalog } from './helpers/i18n';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);

const area = fakeBrowser.storage.local;
/** storage/early.ts's keys (the module is imported afresh with the others). */
const EARLY_SITES_KEY = 'earlySites';
const LEARNED_RULES_KEY = 'learnedRules';

const rule = (selector: string, more: Partial<UserRule> = {}): UserRule => ({ selector, kind: 'ad', at: 1, from: 'options', ...more });
const learnedRule = (selector: string) => ({ kind: 'promo', selector, reason: 'recurs', samples: ['a', 'b'], confidence: 0.9, foundBy: 'template', at: 1 });

/** The background's modules afresh, with the English catalog, against an empty storage. */
async function background() {
  vi.resetModules();
  (await import('../lib/extension/i18n')).useCatalog(catalog);
  return {
    early: await import('../lib/extension/background/early-style'),
    writer: await import('../lib/extension/storage/writer'),
  };
}

/** Every key of storage.local that belongs to the early styles. */
async function earlyStored(): Promise<Record<string, unknown>> {
  const all = await area.get(null);
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('early')));
}

describe('refreshEarlyStyle, against storage.local', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('writes a key per site with selectors and the list of them, and removes them when the rules or the site go', async () => {
    const { early, writer } = await background();
    await writer.writeChange({
      op: 'importRules',
      rules: [
        { site: 'example.com', rule: { selector: '.house-promo', kind: 'ad', from: 'import' } },
        { site: 'example.com', rule: { selector: '.partner', hasText: 'Sponsored', kind: 'ad', from: 'import' } },
        { site: 'other.org', rule: { selector: '.promo', kind: 'ad', from: 'import' } },
      ],
    });
    await early.refreshEarlyStyle();
    expect(await earlyStored()).toEqual({
      'early:example.com': ['.house-promo'],
      'early:other.org': ['.promo'],
      [EARLY_SITES_KEY]: ['example.com', 'other.org'],
    });

    await writer.writeChange({ op: 'siteOn', site: 'other.org', on: false });
    await early.refreshEarlyStyle();
    expect(await earlyStored()).toEqual({ 'early:example.com': ['.house-promo'], [EARLY_SITES_KEY]: ['example.com'] });

    await writer.writeChange({ op: 'deleteRule', site: 'example.com', selector: '.house-promo' });
    await early.refreshEarlyStyle('example.com');
    expect(await earlyStored()).toEqual({ [EARLY_SITES_KEY]: [] });

    await writer.writeChange({ op: 'siteOn', site: 'other.org', on: true });
    await writer.writeChange({ op: 'allOn', on: false });
    await early.refreshEarlyStyle();
    expect(await earlyStored()).toEqual({ [EARLY_SITES_KEY]: [] });
  });

  it('follows every change of settings, user rules and learned rules once watching, whoever wrote them', async () => {
    const { early, writer } = await background();
    early.watchEarlyInputs();
    await writer.writeChange({ op: 'pickRule', site: 'example.com', selector: '.picked', kind: 'share' });
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toEqual(['.picked']));
    await area.set({ [LEARNED_RULES_KEY]: { 'example.com': { pages: 2, at: 1, rules: [learnedRule('.learned')] } } });
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toEqual(['.picked', '.learned']));
    await writer.writeChange({ op: 'toggleSite', site: 'example.com' });
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toBeUndefined());
    await writer.writeChange({ op: 'toggleSite', site: 'example.com' });
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toEqual(['.picked', '.learned']));
    // Learning off: nothing learned is used.
    await writer.writeChange({ op: 'learnOn', on: false });
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toEqual(['.picked']));
    await writer.writeChange({ op: 'learnOn', on: true });
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toEqual(['.picked', '.learned']));
    // Forgetting the site's learned rules, then a reset (which forgets them too), leave nothing.
    await writer.writeChange({ op: 'forgetLearned', site: 'example.com' });
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toEqual(['.picked']));
    await area.set({ [LEARNED_RULES_KEY]: { 'example.com': { pages: 2, at: 1, rules: [learnedRule('.learned')] } } });
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toEqual(['.picked', '.learned']));
    await writer.writeChange({ op: 'reset' });
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toBeUndefined());
  });

  it('refreshes on install and browser start', async () => {
    const { early } = await background();
    await area.set({ userRules: { 'example.com': [rule('.a')] } });
    early.watchEarlyInputs();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update' } as never);
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toEqual(['.a']));
    await area.remove('early:example.com');
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect((await earlyStored())['early:example.com']).toEqual(['.a']));
  });

  it('reads corrupt settings, rules, learned rules and list of sites as nothing, and clears what the list names', async () => {
    const { early } = await background();
    await area.set({
      settings: 'on',
      userRules: { 'example.com': 'not a list', 'ok.com': [{ selector: '.fine' }, { selector: 7 }] },
      [LEARNED_RULES_KEY]: ['garbage'],
      [EARLY_SITES_KEY]: ['stale.com', 5, null],
      'early:stale.com': ['.old'],
    });
    await early.refreshEarlyStyle();
    expect(await earlyStored()).toEqual({ 'early:ok.com': ['.fine'], [EARLY_SITES_KEY]: ['ok.com'] });
    await area.set({ [EARLY_SITES_KEY]: { not: 'a list' } });
    await expect(early.refreshEarlyStyle()).resolves.toBeUndefined();
    expect((await earlyStored())[EARLY_SITES_KEY]).toEqual(['ok.com']);
  });

  it('writes nothing when storage cannot be read, and never throws', async () => {
    const { early } = await background();
    await area.set({ userRules: { 'example.com': [rule('.a')] }, 'early:example.com': ['.a'], [EARLY_SITES_KEY]: ['example.com'] });
    vi.spyOn(area, 'get').mockRejectedValue(new Error('storage is gone'));
    const set = vi.spyOn(area, 'set');
    const remove = vi.spyOn(area, 'remove');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(early.refreshEarlyStyle()).resolves.toBeUndefined();
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('Declutter News: the early styles could not be written', expect.any(Error));
  });

  it('writes only the keys that changed', async () => {
    const { early } = await background();
    await area.set({ userRules: { 'example.com': [rule('.a')], 'other.org': [rule('.b')] } });
    await early.refreshEarlyStyle();
    const set = vi.spyOn(area, 'set');
    await early.refreshEarlyStyle();
    expect(set).not.toHaveBeenCalled();
    await area.set({ userRules: { 'example.com': [rule('.a')], 'other.org': [rule('.c')] } });
    set.mockClear();
    await early.refreshEarlyStyle();
    expect(set.mock.calls).toEqual([[{ 'early:other.org': ['.c'] }]]);
  });
});

/**
 * Sites named like the properties every object has (`constructor`, `__proto__`): a host may be
 * called so, and a file or a filter list may name one. Each is a site like any other: kept,
 * imported, stored and read back, and never costs the other sites their entries.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { keptIds, sanitizeKept, withKept, withoutKept } from '../lib/extension/storage/settings';
import {
  findUserRule,
  mergeUserRules,
  sanitizeUserRules,
  userSiteRules,
  withEditedUserRule,
  withUserRule,
  withoutUserRule,
  type UserRule,
} from '../lib/extension/storage/user-rules';
import { EXPORT_FORMAT, mergeImport, parseSettingsExport } from '../lib/extension/storage/backup';
import { parseCosmeticList } from '../lib/extension/storage/filter-list';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);

const SITES = ['constructor', '__proto__', 'hasownproperty', 'tostring', 'valueof'];
const rule = (selector: string): UserRule => ({ selector, kind: 'ad', at: 1, from: 'options' });
const block = (id: string) => ({ id, kind: 'ad' as const, text: '', at: 1 });
/** A stored value as the browser gives it back: parsed from JSON, every key an own property. */
const stored = <T>(json: string): T => JSON.parse(json) as T;

describe.each(SITES)('a site named %s', (site) => {
  it('keeps its blocks and the other sites’ when read from storage', () => {
    const kept = sanitizeKept(stored(`{"${site}": ["ad-1"], "a.com": ["ad-2"]}`));
    expect(keptIds(kept, site)).toEqual(['ad-1']);
    expect(keptIds(kept, 'a.com')).toEqual(['ad-2']);
    expect(Object.keys(kept).sort()).toEqual([site, 'a.com'].sort());
    expect(keptIds(sanitizeKept({}), site)).toEqual([]);
  });

  it('keeps and forgets a block', () => {
    const kept = withKept(sanitizeKept(stored('{"a.com": ["ad-2"]}')), site, { id: 'ad-1', kind: 'ad', text: 'x' }, 1);
    expect(keptIds(kept, site)).toEqual(['ad-1']);
    expect(keptIds(kept, 'a.com')).toEqual(['ad-2']);
    expect(Object.getPrototypeOf(withKept({}, 'a.com', { id: 'ad-1', kind: 'ad', text: 'x' }, 1))).toBeNull();
    const none = withoutKept(kept, site, 'ad-1');
    expect(keptIds(none, site)).toEqual([]);
    expect(Object.keys(none)).toEqual(['a.com']);
    expect(keptIds(withoutKept(kept, 'b.com', 'ad-9'), site)).toEqual(['ad-1']);
  });

  it('keeps its rules and the other sites’ when read from storage, and takes new ones', () => {
    const all = sanitizeUserRules(stored(`{"${site}": [{"selector": ".x"}], "a.com": [{"selector": ".y"}]}`));
    expect(Object.keys(all).sort()).toEqual([site, 'a.com'].sort());
    expect(findUserRule(all, site, '.x')?.selector).toBe('.x');
    expect(findUserRule(sanitizeUserRules({}), site, '.x')).toBeUndefined();
    const more = withUserRule(all, site, { selector: '.z', kind: 'ad', from: 'picker', at: 2 });
    expect(more[site].map((r) => r.selector)).toEqual(['.x', '.z']);
    const edited = withEditedUserRule(more, site, { selector: '.z' }, { selector: '.w', kind: 'share', from: 'options', at: 3 });
    expect(edited?.[site].map((r) => r.selector)).toEqual(['.x', '.w']);
    expect(withEditedUserRule(sanitizeUserRules({}), site, { selector: '.z' }, { selector: '.w', kind: 'share', from: 'options' })).toBeNull();
    const fewer = withoutUserRule(more, site, '.x');
    expect(fewer[site].map((r) => r.selector)).toEqual(['.z']);
    expect(Object.keys(withoutUserRule(fewer, site, '.z'))).toEqual(['a.com']);
    expect(withoutUserRule(sanitizeUserRules({}), site, '.x')).toEqual({});
    expect(userSiteRules(all, site).map((s) => s.host)).toEqual([site]);
  });

  it('imports from a file: every entry, the site’s and the others’, with no problem', () => {
    const file = {
      format: EXPORT_FORMAT,
      version: 1,
      userRules: { [site]: [rule('.x')], 'a.com': [rule('.y')] },
      kept: { [site]: [block('ad-1')], 'a.com': [block('ad-2')] },
      disabledSites: [site, 'a.com'],
    };
    const parsed = parseSettingsExport(JSON.stringify(file));
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.problems).toEqual([]);
    const merged = mergeImport({ userRules: {}, kept: {}, settings: { enabled: true, disabledSites: [], learn: true }, learnedRules: {} }, parsed);
    expect(merged.added).toEqual({ rules: 2, kept: 2, sites: 2, learned: 0 });
    expect(merged.problems).toEqual([]);
    expect(Object.keys(merged.userRules).sort()).toEqual([site, 'a.com'].sort());
    expect(keptIds(merged.kept, site)).toEqual(['ad-1']);
    expect(keptIds(merged.kept, 'a.com')).toEqual(['ad-2']);
    expect(merged.settings.disabledSites).toEqual([site, 'a.com'].sort());
    // Into what is saved already: the saved entries stay.
    const again = mergeImport(merged, parsed);
    expect(again.added).toEqual({ rules: 0, kept: 0, sites: 0, learned: 0 });
    expect(again.same).toBe(6);
  });

  it('imports from a filter list', () => {
    const list = parseCosmeticList(`${site}##.x\na.com##.y`);
    expect(list.problems).toEqual([]);
    const merged = mergeUserRules(sanitizeUserRules(stored(`{"${site}": [{"selector": ".w"}]}`)), list.rules, 1);
    expect(merged.added).toBe(2);
    expect(merged.rules[site].map((r) => r.selector)).toEqual(['.w', '.x']);
    expect(merged.rules['a.com'].map((r) => r.selector)).toEqual(['.y']);
  });
});

describe('stored under such a site', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is read back, and a write keeps every other site’s blocks and rules', async () => {
    await fakeBrowser.storage.local.set({
      kept: stored('{"a.com": [{"id": "ad-1", "kind": "ad", "text": "", "at": 0}], "constructor": [{"id": "ad-2", "kind": "ad", "text": "", "at": 0}]}'),
      kept$: { v: 2 },
      userRules: stored(
        '{"__proto__": [{"selector": ".x", "kind": "ad", "at": 0, "from": "options"}], "a.com": [{"selector": ".y", "kind": "ad", "at": 0, "from": "options"}]}',
      ),
    });
    vi.resetModules();
    const store = { ...(await import('../lib/extension/storage/store')), ...(await import('../lib/extension/storage/writer')) };
    expect(keptIds(await store.loadKept(), 'constructor')).toEqual(['ad-2']);
    expect(Object.keys(await store.loadUserRules()).sort()).toEqual(['__proto__', 'a.com']);
    await store.updateKept((k) => withKept(k, 'b.com', { id: 'ad-3', kind: 'ad', text: '' }, 1));
    await store.updateUserRules((r) => withUserRule(r, 'b.com', { selector: '.z', kind: 'ad', from: 'picker', at: 1 }));
    const raw = await fakeBrowser.storage.local.get(['kept', 'userRules']);
    expect(Object.keys(raw.kept as object).sort()).toEqual(['a.com', 'b.com', 'constructor']);
    expect(Object.keys(raw.userRules as object).sort()).toEqual(['__proto__', 'a.com', 'b.com']);
  });
});

/**
 * The `local:userRules` storage item against an in-memory extension storage: nothing stored,
 * corrupt values, writing, watching, and reset. (Modules are imported after the fake browser is
 * in place, as in test/settings-storage.test.ts.)
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserRule, UserRulesBySite } from '../lib/extension/storage/user-rules';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);

const rule = (selector: string, extra: Partial<UserRule> = {}): UserRule => ({ selector, kind: 'ad', at: 1, from: 'options', ...extra });

describe('storage', () => {
  beforeEach(() => fakeBrowser.reset());

  async function fresh() {
    vi.resetModules();
    const store = { ...(await import('../lib/extension/storage/store')), ...(await import('../lib/extension/storage/writer')) };
    return { u: { ...(await import('../lib/extension/storage/user-rules')), ...store }, s: store };
  }

  it('reads nothing when nothing is stored, and falls back when the value is corrupt', async () => {
    const { u } = await fresh();
    expect(await u.loadUserRules()).toEqual({});
    await fakeBrowser.storage.local.set({ userRules: 'garbage' });
    expect(await u.loadUserRules()).toEqual({});
    await fakeBrowser.storage.local.set({ userRules: { 'a.com': [rule('.ok'), { selector: 3 }] } });
    expect(await u.loadUserRules()).toEqual({ 'a.com': [rule('.ok')] });
  });

  it('writes under local:userRules, watches, and is forgotten by a reset', async () => {
    const { u, s } = await fresh();
    const seen: UserRulesBySite[] = [];
    u.watchUserRules((r) => seen.push(r));
    await u.updateUserRules((r) => u.withUserRule(r, 'a.com', { selector: '.x', kind: 'ad', from: 'picker', at: 1 }));
    const raw = await fakeBrowser.storage.local.get('userRules');
    expect(raw.userRules).toEqual({ 'a.com': [{ selector: '.x', kind: 'ad', at: 1, from: 'picker' }] });
    await vi.waitFor(() => expect(seen).toEqual([{ 'a.com': [{ selector: '.x', kind: 'ad', at: 1, from: 'picker' }] }]));
    await s.resetSettings();
    expect(await u.loadUserRules()).toEqual({});
  });
});

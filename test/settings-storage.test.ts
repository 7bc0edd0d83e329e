/**
 * The storage items against an in-memory extension storage: fallbacks, corrupt values, and the
 * migration of `local:kept` from v1 (bare ids) to v2.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);

async function fresh() {
  vi.resetModules();
  return {
    ...(await import('../lib/extension/storage/settings')),
    ...(await import('../lib/extension/storage/store')),
    ...(await import('../lib/extension/storage/writer')),
  };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settings in storage', () => {
  it('reads the defaults when nothing is stored', async () => {
    const s = await fresh();
    expect(await s.loadSettings()).toEqual({ enabled: true, disabledSites: [], learn: true });
    expect(await s.loadKept()).toEqual({});
  });

  it('falls back without throwing when stored values are corrupt', async () => {
    await fakeBrowser.storage.local.set({ settings: 'garbage', kept: 42 });
    const s = await fresh();
    expect(await s.loadSettings()).toEqual({ enabled: true, disabledSites: [], learn: true });
    expect(await s.loadKept()).toEqual({});
    await fakeBrowser.storage.local.set({ settings: { enabled: 'no', disabledSites: [1, 'b.com'], learn: true } });
    expect(await s.loadSettings()).toEqual({ enabled: true, disabledSites: ['b.com'], learn: true });
  });

  it('writes and watches', async () => {
    const s = await fresh();
    const seen: unknown[] = [];
    s.watchSettings((v) => seen.push(v));
    await s.updateSettings((v) => s.withSiteEnabled(v, 'www.cnbc.com', false));
    expect(await s.loadSettings()).toEqual({ enabled: true, disabledSites: ['cnbc.com'], learn: true });
    await s.updateKept((k) => s.withKept(k, 'cnbc.com', { id: 'ad-1', kind: 'ad', text: 'Ad' }, 1));
    expect(s.keptIds(await s.loadKept(), 'cnbc.com')).toEqual(['ad-1']);
    await vi.waitFor(() => expect(seen).toEqual([{ enabled: true, disabledSites: ['cnbc.com'], learn: true }]));
    await s.resetSettings();
    expect(await s.loadSettings()).toEqual({ enabled: true, disabledSites: [], learn: true });
    expect(await s.loadKept()).toEqual({});
  });

  it('migrates kept blocks stored as v1 bare ids to v2 entries', async () => {
    await fakeBrowser.storage.local.set({ kept: { 'www.cnbc.com': ['related-abc', 'junk'], 'a.com': 'x' } });
    const s = await fresh();
    await s.migrateStorage(); // as the background does when it starts: only the writer migrates
    expect(await s.loadKept()).toEqual({ 'cnbc.com': [{ id: 'related-abc', kind: 'related', text: '', at: 0 }] });
    const raw = await fakeBrowser.storage.local.get(['kept', 'kept$']);
    expect(raw['kept$']).toEqual({ v: 2 });
    expect(raw.kept).toEqual({ 'cnbc.com': [{ id: 'related-abc', kind: 'related', text: '', at: 0 }] });
  });

  it('migrates a corrupt v1 value to the empty v2 value', async () => {
    await fakeBrowser.storage.local.set({ kept: 'corrupt' });
    const s = await fresh();
    expect(await s.loadKept()).toEqual({});
  });

  it('remembers reader preferences, and falls back when they are corrupt', async () => {
    const s = await fresh();
    expect(await s.loadReaderPrefs()).toEqual({ theme: 'auto', fontStep: 0 });
    const seen: unknown[] = [];
    s.watchReaderPrefs((p) => seen.push(p));
    expect(await s.updateReaderPrefs((p) => ({ ...p, theme: 'sepia', fontStep: p.fontStep + 1 }))).toEqual({ theme: 'sepia', fontStep: 1 });
    expect(await s.loadReaderPrefs()).toEqual({ theme: 'sepia', fontStep: 1 });
    await vi.waitFor(() => expect(seen).toEqual([{ theme: 'sepia', fontStep: 1 }]));
    const raw = await fakeBrowser.storage.local.get(['reader', 'reader$']);
    expect(raw.reader).toEqual({ theme: 'sepia', fontStep: 1 });
    await fakeBrowser.storage.local.set({ reader: { theme: 'plaid', fontStep: 'big' } });
    expect(await s.loadReaderPrefs()).toEqual({ theme: 'auto', fontStep: 0 });
  });
});

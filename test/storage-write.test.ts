/**
 * Writing what the user saves (lib/extension/storage/writer.ts) against an in-memory storage.local
 * that, like the browser's, refuses a write over its quota and stores nothing of it: an import
 * is stored whole or not at all, with a message that says why.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_FORMAT, mergeImport, parseSettingsExport } from '../lib/extension/storage/backup';
import { catalog } from './helpers/i18n';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);

const area = fakeBrowser.storage.local;

/** Bytes of a storage area as the browser counts them: each key and its value's JSON text. */
const sizeOf = (values: Record<string, unknown>) => Object.entries(values).reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);

/** storage.local with a quota: a write that would take it over stores nothing and fails as the browser's does. */
function withQuota(bytes: number): void {
  const set = area.set.bind(area);
  vi.spyOn(area, 'set').mockImplementation(async (values: Record<string, unknown>) => {
    if (sizeOf({ ...(await area.get(null)), ...values }) > bytes) throw new Error('Resource::kQuotaBytes quota exceeded');
    await set(values);
  });
  Object.assign(area, { QUOTA_BYTES: bytes });
}

/** The storage modules afresh (their items defined again), with the English catalog. */
async function modules() {
  vi.resetModules();
  (await import('../lib/extension/i18n')).useCatalog(catalog);
  return {
    writer: await import('../lib/extension/storage/writer'),
    store: await import('../lib/extension/storage/store'),
  };
}

/** An export with `sites` × `perSite` kept blocks of 300 characters, one rule and one site off. */
function exportText(sites: number, perSite: number): string {
  const kept: Record<string, unknown[]> = {};
  for (let s = 0; s < sites; s++) {
    kept[`site${s}.example.com`] = Array.from({ length: perSite }, (_, i) => ({ id: `related-${s}x${i}`, kind: 'related', text: 'x'.repeat(300), at: 1 }));
  }
  return JSON.stringify({
    format: EXPORT_FORMAT,
    version: 1,
    userRules: { 'new.example.com': [{ selector: '.promo', kind: 'ad', at: 1, from: 'import' }] },
    kept,
    disabledSites: ['off.example.com'],
  });
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  vi.restoreAllMocks();
  delete (area as { QUOTA_BYTES?: number }).QUOTA_BYTES;
});

describe('an import', () => {
  const saved = {
    userRules: { 'a.com': [{ selector: '.x', kind: 'ad', at: 1, from: 'options' }] },
    kept: { 'a.com': [{ id: 'ad-1', kind: 'ad', text: 'Ad', at: 1 }] },
    kept$: { v: 2 },
    settings: { enabled: true, disabledSites: ['b.com'] },
  };

  /** The options page's import: the file merged into what is saved, all items written together. */
  async function importFile(writer: Awaited<ReturnType<typeof modules>>['writer'], text: string) {
    const parsed = parseSettingsExport(text);
    if ('error' in parsed) throw new Error(parsed.error);
    return writer.update(['userRules', 'kept', 'settings'], (s) => mergeImport(s, parsed));
  }

  it('too large for the quota stores nothing of it, and says how large it is', async () => {
    await area.set(saved);
    withQuota(1_048_576);
    const before = await area.get(null);
    const { writer, store } = await modules();
    const failed = await importFile(writer, exportText(10, 500)).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(writer.SaveError);
    const { failure } = failed as InstanceType<typeof writer.SaveError>;
    expect(failure).toMatchObject({ full: true, quota: 1_048_576 });
    expect(failure.bytes).toBeGreaterThan(1_600_000);
    expect(await area.get(null)).toEqual(before);
    expect(store.importFailureText(failure)).toBe(
      `Nothing was imported: with it, what you saved would take about ${(Math.round(failure.bytes / 104_857.6) / 10).toString()} MB, more than the browser keeps for an extension (1 MB). Import a smaller file, or remove kept blocks or rules first.`,
    );
  });

  it('that fits is stored whole', async () => {
    await area.set(saved);
    withQuota(1_048_576);
    const { writer, store } = await modules();
    await importFile(writer, exportText(2, 500));
    expect(Object.keys(await store.loadKept())).toEqual(['a.com', 'site0.example.com', 'site1.example.com']);
    expect(Object.keys(await store.loadUserRules())).toEqual(['a.com', 'new.example.com']);
    expect((await store.loadSettings()).disabledSites).toEqual(['b.com', 'off.example.com']);
  });

  it('the browser refuses for another reason stores nothing, and gives the browser’s words', async () => {
    await area.set(saved);
    const before = await area.get(null);
    vi.spyOn(area, 'set').mockRejectedValue(new Error('IO error: disk gone'));
    const { writer, store } = await modules();
    const failed = (await importFile(writer, exportText(1, 10)).catch((e: unknown) => e)) as InstanceType<typeof writer.SaveError>;
    expect(failed.failure).toMatchObject({ full: false, quota: null, error: 'IO error: disk gone' });
    expect(await area.get(null)).toEqual(before);
    expect(store.importFailureText(failed.failure)).toBe('Nothing was imported: the browser could not save it. IO error: disk gone');
  });
});

describe('a change', () => {
  it('whose read fails writes nothing: never a default over what is saved', async () => {
    await area.set({ kept: { 'a.com': [{ id: 'ad-1', kind: 'ad', text: 'Ad', at: 1 }] }, kept$: { v: 2 } });
    const { writer, store } = await modules();
    await store.loadKept(); // the items defined, their first reads done
    await new Promise((resolve) => setTimeout(resolve, 10));
    const get = area.get.bind(area);
    vi.spyOn(area, 'get').mockRejectedValue(new Error('IO error'));
    const set = vi.spyOn(area, 'set');
    await expect(writer.updateKept((k) => ({ ...k, 'b.com': [{ id: 'ad-2', kind: 'ad', text: '', at: 1 }] }))).rejects.toThrow('IO error');
    expect(set).not.toHaveBeenCalled();
    expect(Object.keys((await get('kept')).kept as object)).toEqual(['a.com']);
  });
});

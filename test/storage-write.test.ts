/**
 * Writing what the user saves (lib/extension/storage/writer.ts) against an in-memory storage.local:
 * changes asked at the same moment, with a storage whose reads and writes take random times, are
 * all stored; a storage that, like the browser's, refuses a write over its quota stores nothing of
 * an import, and the message says why; reading never writes.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_FORMAT, parseSettingsExport } from '../lib/extension/storage/backup';
import type { StoreChange } from '../lib/extension/storage/changes';
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
    settings: { enabled: true, disabledSites: ['b.com'], learn: true },
  };

  /** The options page's import: the file parsed there, merged into what is saved by the background. */
  async function importFile(writer: Awaited<ReturnType<typeof modules>>['writer'], text: string) {
    const parsed = parseSettingsExport(text);
    if ('error' in parsed) throw new Error(parsed.error);
    return writer.writeChange({
      op: 'importBackup',
      userRules: parsed.userRules,
      kept: parsed.kept,
      disabledSites: parsed.disabledSites,
      learnedRules: parsed.learnedRules,
    });
  }

  it('too large for the quota stores nothing of it, and says how large it is', async () => {
    await area.set(saved);
    withQuota(1_048_576);
    const before = await area.get(null);
    const { writer, store } = await modules();
    const { ok, failure, imported } = await importFile(writer, exportText(10, 500));
    expect({ ok, imported }).toEqual({ ok: false, imported: undefined });
    expect(failure).toMatchObject({ full: true, quota: 1_048_576 });
    if (!failure) throw new Error('no failure');
    expect(failure.bytes).toBeGreaterThan(1_600_000);
    expect(await area.get(null)).toEqual(before);
    expect(store.importFailureText(failure)).toBe(
      `Nothing was imported: with it, what you saved would take about ${(Math.round(failure.bytes / 104_857.6) / 10).toString()} MB, more than the browser keeps for an extension (1 MB). Import a smaller file, or remove kept blocks or rules first.`,
    );
  });

  it('adds learned rules with the rest, a saved rule keeping its state; over the quota none of it', async () => {
    const rule = (selector: string, extra: Record<string, unknown> = {}) => ({
      kind: 'share',
      selector,
      reason: 'share bar',
      samples: ['https://a.com/1'],
      confidence: 0.5,
      foundBy: 'class',
      at: 1,
      ...extra,
    });
    const learnedRules = { 'a.com': { pages: 2, at: 1, rules: [rule('.s', { off: 'user' })] } };
    const file = JSON.stringify({
      format: EXPORT_FORMAT,
      version: 1,
      userRules: { 'c.com': [{ selector: '.c', kind: 'ad', at: 1, from: 'import' }] },
      learnedRules: { 'a.com': { pages: 5, at: 5, rules: [rule('.s'), rule('.t')] }, 'n.com': { pages: 3, at: 3, rules: [rule('.n')] } },
    });
    await area.set({ ...saved, learnedRules });
    withQuota(sizeOf(await area.get(null)) + 200);
    const before = await area.get(null);
    let { writer, store } = await modules();
    expect((await importFile(writer, file)).failure?.full).toBe(true);
    expect(await area.get(null)).toEqual(before);

    vi.restoreAllMocks();
    ({ writer, store } = await modules());
    const { ok, imported } = await importFile(writer, file);
    expect({ ok, added: imported?.added, same: imported?.same }).toEqual({ ok: true, added: { rules: 1, kept: 0, sites: 0, learned: 2 }, same: 1 });
    expect(await store.loadLearnedRules()).toEqual({
      'a.com': { pages: 2, at: 1, rules: [rule('.s', { off: 'user' }), rule('.t')] },
      'n.com': { pages: 3, at: 3, rules: [rule('.n')] },
    });
    expect(Object.keys(await store.loadUserRules())).toEqual(['a.com', 'c.com']);
  });

  it('that fits is stored whole', async () => {
    await area.set(saved);
    withQuota(1_048_576);
    const { writer, store } = await modules();
    expect((await importFile(writer, exportText(2, 500))).imported?.added).toEqual({ rules: 1, kept: 1000, sites: 1, learned: 0 });
    expect(Object.keys(await store.loadKept())).toEqual(['a.com', 'site0.example.com', 'site1.example.com']);
    expect(Object.keys(await store.loadUserRules())).toEqual(['a.com', 'new.example.com']);
    expect((await store.loadSettings()).disabledSites).toEqual(['b.com', 'off.example.com']);
  });

  it('the browser refuses for another reason stores nothing, and gives the browser’s words', async () => {
    await area.set(saved);
    const before = await area.get(null);
    vi.spyOn(area, 'set').mockRejectedValue(new Error('IO error: disk gone'));
    const { writer, store } = await modules();
    const { failure } = await importFile(writer, exportText(1, 10));
    expect(failure).toMatchObject({ full: false, quota: null, error: 'IO error: disk gone' });
    expect(await area.get(null)).toEqual(before);
    expect(store.importFailureText(failure)).toBe('Nothing was imported: the browser could not save it. IO error: disk gone');
  });
});

describe('a change', () => {
  it('whose read fails writes nothing: never a default over what is saved', async () => {
    await area.set({ kept: { 'a.com': [{ id: 'ad-1', kind: 'ad', text: 'Ad', at: 1 }] }, kept$: { v: 2 } });
    const { writer } = await modules();
    await writer.migrateStorage(); // the items defined, their first reads done
    await new Promise((resolve) => setTimeout(resolve, 10));
    const get = area.get.bind(area);
    vi.spyOn(area, 'get').mockRejectedValue(new Error('IO error'));
    const set = vi.spyOn(area, 'set');
    await expect(writer.updateKept((k) => ({ ...k, 'b.com': [{ id: 'ad-2', kind: 'ad', text: '', at: 1 }] }))).rejects.toThrow('IO error');
    expect(set).not.toHaveBeenCalled();
    expect(Object.keys((await get('kept')).kept as object)).toEqual(['a.com']);
  });
});

describe('reading', () => {
  it('never writes, not even a value of an older version (the background migrates it)', async () => {
    await area.set({ kept: { 'www.cnbc.com': ['related-abc'] } });
    const set = vi.spyOn(area, 'set');
    const { store } = await modules();
    expect(await store.loadKept()).toEqual({ 'cnbc.com': [{ id: 'related-abc', kind: 'related', text: '', at: 0 }] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(set).not.toHaveBeenCalled();
  });
});

/** storage.local whose reads and writes each take a random 0–4 ms before and after, as a busy browser's may. */
function withDelays(): void {
  const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
  for (const name of ['get', 'set', 'remove'] as const) {
    const real = (area[name] as (x: unknown) => Promise<unknown>).bind(area);
    vi.spyOn(area, name).mockImplementation((async (x: unknown) => {
      await pause();
      const out = await real(x);
      await pause();
      return out;
    }) as never);
  }
}

describe('changes asked at the same moment', () => {
  const ROUNDS = 20;
  const block = (id: string) => ({ id, kind: 'ad' as const, text: id });

  async function rounds(run: (writer: Awaited<ReturnType<typeof modules>>['writer'], round: number) => Promise<boolean>): Promise<number> {
    let lost = 0;
    for (let round = 0; round < ROUNDS; round++) {
      fakeBrowser.reset();
      vi.restoreAllMocks();
      withDelays();
      const { writer } = await modules();
      if (!(await run(writer, round))) lost++;
    }
    return lost;
  }

  const storedKept = async () => (await modules()).store.loadKept();

  it('two pages pressing Keep: both blocks stored, and both forgotten on Hide again, in every round', async () => {
    const keep = await rounds(async (writer) => {
      const answers = await Promise.all([
        writer.writeChange({ op: 'keep', site: 'a.com', block: block('ad-1') }),
        writer.writeChange({ op: 'keep', site: 'constructor', block: block('ad-2') }),
        writer.writeChange({ op: 'keep', site: 'a.com', block: block('ad-3') }),
      ]);
      expect(answers.every((r) => r.ok)).toBe(true);
      const kept = await storedKept();
      const both = kept['a.com']?.length === 2 && kept.constructor?.length === 1;
      await Promise.all([
        writer.writeChange({ op: 'unkeep', site: 'a.com', id: 'ad-1' }),
        writer.writeChange({ op: 'unkeep', site: 'constructor', id: 'ad-2' }),
      ]);
      const after = await storedKept();
      return both && Object.keys(after).join() === 'a.com' && after['a.com'].length === 1;
    });
    expect(keep).toBe(0);
  });

  it('an import and a pick: both rules stored, in every round', async () => {
    const lost = await rounds(async (writer) => {
      await Promise.all([
        writer.writeChange({ op: 'importRules', rules: [{ site: 'a.com', rule: { selector: '.imported', kind: 'ad', from: 'import' } }] }),
        writer.writeChange({ op: 'pickRule', site: 'a.com', selector: '.picked', kind: 'share' }),
        writer.writeChange({ op: 'deleteRule', site: 'b.com', selector: '.none' }),
      ]);
      const rules = await (await modules()).store.loadUserRules();
      return (
        rules['a.com']
          ?.map((r) => r.selector)
          .sort()
          .join() === '.imported,.picked'
      );
    });
    expect(lost).toBe(0);
  });

  it('sites turned off in two popups and the switch for all sites: all stored, in every round', async () => {
    const lost = await rounds(async (writer) => {
      await Promise.all([
        writer.writeChange({ op: 'siteOn', site: 'a.com', on: false }),
        writer.writeChange({ op: 'toggleSite', site: 'b.com' }),
        writer.writeChange({ op: 'allOn', on: false }),
      ]);
      const settings = await (await modules()).store.loadSettings();
      return settings.enabled === false && settings.disabledSites.join() === 'a.com,b.com';
    });
    expect(lost).toBe(0);
  });

  it('fifty changes of every kind: the same result as one after another', async () => {
    const changes: StoreChange[] = [];
    for (let i = 0; i < 10; i++) {
      changes.push(
        { op: 'keep', site: `s${i % 3}.com`, block: block(`ad-${i}`) },
        { op: 'pickRule', site: `s${i % 4}.com`, selector: `.p${i}`, kind: 'ad' },
        { op: 'siteOn', site: `off${i}.com`, on: false },
        { op: 'readerFontStep', by: i % 2 ? 1 : -1 },
        {
          op: 'importBackup',
          userRules: [],
          kept: [{ site: `i${i}.com`, block: { ...block(`ad-i${i}`), at: 1 }, where: 'x' }],
          disabledSites: [],
          learnedRules: [],
        },
      );
    }
    /** Everything stored, times left out (a change made later is stamped later). */
    const everything = async () => JSON.stringify(await area.get(['kept', 'userRules', 'settings', 'reader']), (k, v: unknown) => (k === 'at' ? undefined : v));
    fakeBrowser.reset();
    const one = await modules();
    for (const c of changes) await one.writer.writeChange(c);
    const expected = await everything();
    const lost = await rounds(async (writer) => {
      const answers = await Promise.all(changes.map((c) => writer.writeChange(c)));
      expect(answers.every((r) => r.ok)).toBe(true);
      return (await everything()) === expected;
    });
    expect(lost).toBe(0);
  });

  it('a change the browser refuses does not stop the ones after it', async () => {
    const { writer } = await modules();
    vi.spyOn(area, 'set').mockRejectedValueOnce(new Error('IO error'));
    const [first, second] = await Promise.all([
      writer.writeChange({ op: 'keep', site: 'a.com', block: block('ad-1') }),
      writer.writeChange({ op: 'keep', site: 'b.com', block: block('ad-2') }),
    ]);
    expect(first).toMatchObject({ ok: false, failure: { error: 'IO error' } });
    expect(second).toEqual({ ok: true });
    expect(Object.keys(await storedKept())).toEqual(['b.com']);
  });
});

describe('learned rules', () => {
  const rule = (selector: string, extra: Record<string, unknown> = {}) => ({
    kind: 'promo',
    selector,
    reason: 'Promotion of this site, learned from 2 of its 2 pages',
    samples: ['https://a.com/1', 'https://a.com/2'],
    confidence: 1,
    foundBy: 'repeated on 2 pages',
    at: 1,
    ...extra,
  });
  const learned = { 'a.com': { pages: 2, at: 1, rules: [rule('.x'), rule('.y')] }, 'b.com': { pages: 2, at: 1, rules: [rule('.z')] } };

  it('are switched off by a Keep or the user, back on by the user, and forgotten by site or all at once', async () => {
    await area.set({ learnedRules: learned, learnPages: { 'a.com': { used: 1, pages: [] } } });
    const { writer, store } = await modules();
    const state = async () => (await store.loadLearnedRules())['a.com']?.rules.map((r) => [r.selector, r.off ?? 'on']);
    expect(await writer.writeChange({ op: 'keepLearned', site: 'www.a.com', selector: '.x' })).toEqual({ ok: true });
    expect(await writer.writeChange({ op: 'learnedRuleOn', site: 'a.com', selector: '.y', on: false })).toEqual({ ok: true });
    expect(await state()).toEqual([
      ['.x', 'kept'],
      ['.y', 'user'],
    ]);
    expect(await writer.writeChange({ op: 'learnedRuleOn', site: 'a.com', selector: '.x', on: true })).toEqual({ ok: true });
    expect(await state()).toEqual([
      ['.x', 'on'],
      ['.y', 'user'],
    ]);
    // A rule the site does not have: nothing changes, and the answer says so.
    expect(await writer.writeChange({ op: 'learnedRuleOn', site: 'a.com', selector: '.nope', on: false })).toEqual({ ok: false });
    expect(await writer.writeChange({ op: 'forgetLearned', site: 'a.com' })).toEqual({ ok: true });
    expect(Object.keys(await store.loadLearnedRules())).toEqual(['b.com']);
    expect(Object.keys(((await area.get('learnPages')).learnPages ?? {}) as object)).toEqual([]);
    expect(await writer.writeChange({ op: 'forgetLearned' })).toEqual({ ok: true });
    expect(await store.loadLearnedRules()).toEqual({});
  });

  it('turn learning off and on', async () => {
    const { writer, store } = await modules();
    expect((await store.loadSettings()).learn).toBe(true);
    await writer.writeChange({ op: 'learnOn', on: false });
    expect((await store.loadSettings()).learn).toBe(false);
  });
});

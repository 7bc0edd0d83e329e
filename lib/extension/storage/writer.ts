/**
 * Every write to the storage items (lib/extension/storage/items.ts), made by the background alone.
 *
 * A change is a read-modify-write: read the items it needs, change them, write them back. Two at
 * once lose one (both read the same value; the second write drops the first's change), so they
 * run one after another here, in a queue. A queue orders writes in one context only, so this is
 * the only context that writes: content scripts and the extension's pages send their changes as
 * messages (`save`, `saveForSite` in lib/extension/messages.ts), and the background, which gets
 * every one of them, runs them through `writeChange`. (A lock across contexts, navigator.locks,
 * does not reach content scripts: they run in the page's origin.)
 *
 * The items a change touches are written with their versions in one storage call, which the
 * browser stores whole or not at all (over its quota it stores nothing). A read that fails writes
 * nothing: a default is never written over what is saved.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { ITEMS, writerItems, type ItemName, type Stored } from './items';
import { sanitizeKept, sanitizeReaderPrefs, sanitizeSettings, withKept, withSiteEnabled, withSiteToggled, withoutKept } from './settings';
import { findUserRule, mergeUserRules, sanitizeUserRules, withEditedUserRule, withUserRule, withoutUserRule } from './user-rules';
import { mergeImport } from './backup';
import type { SaveFailure, SaveResult, StoreChange } from './changes';
import type { KeptBySite, ReaderPrefs, Settings, UserRulesBySite } from './types';
import { sanitizeLearnedRules, withLearnedOff, withoutSite } from './learned';
import { sanitizeLearnPages } from './learn-pages';

const SANITIZE: { readonly [N in ItemName]: (x: unknown) => Stored[N] } = {
  settings: sanitizeSettings,
  kept: sanitizeKept,
  reader: sanitizeReaderPrefs,
  userRules: sanitizeUserRules,
  learnedRules: sanitizeLearnedRules,
  learnPages: sanitizeLearnPages,
};

/** A write the browser refused: nothing of it was stored. */
export class SaveError extends Error {
  constructor(readonly failure: SaveFailure) {
    super(failure.error);
    this.name = 'SaveError';
  }
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `job` once every job queued before it has finished (whether it failed or not). */
function serialized<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => {});
  return run;
}

/**
 * Runs a write of the background's own (the early styles, lib/extension/background/early-style.ts,
 * derived from the items) in the same queue as every change: it reads what the changes before it
 * wrote, and a change after it waits for it.
 */
export function inWriteQueue<T>(job: () => Promise<T>): Promise<T> {
  return serialized(job);
}

async function read<N extends ItemName>(names: readonly N[]): Promise<Pick<Stored, N>> {
  const values = await Promise.all(names.map((name) => writerItems()[name].getValue()));
  const out = {} as Pick<Stored, N>;
  names.forEach((name, i) => (out[name] = SANITIZE[name](values[i])));
  return out;
}

const utf8 = new TextEncoder();

function failureOf(e: unknown, entries: readonly { key: string; value: unknown }[]): SaveFailure {
  const error = e instanceof Error ? e.message : String(e);
  // As the browser counts: each key and its value's JSON text.
  const bytes = entries.reduce((n, { key, value }) => n + utf8.encode(key.slice(key.indexOf(':') + 1) + JSON.stringify(value)).length, 0);
  const limit = (browser.storage?.local as { QUOTA_BYTES?: unknown } | undefined)?.QUOTA_BYTES;
  const quota = typeof limit === 'number' && limit > 0 ? limit : null;
  const full = /quota/i.test(error) || (e instanceof Error && e.name === 'QuotaExceededError') || (quota !== null && bytes > quota);
  return { full, bytes, quota, error };
}

/** Writes items and their versions in one storage call. Throws a SaveError when nothing was stored. */
async function write(values: Partial<Stored>): Promise<void> {
  const entries = (Object.keys(values) as ItemName[]).flatMap((name) => {
    const { key, version } = ITEMS[name];
    return [
      { key, value: values[name] },
      { key: `${key}$` as const, value: { v: version } },
    ];
  });
  try {
    await storage.setItems(entries);
  } catch (e) {
    throw new SaveError(failureOf(e, entries));
  }
}

/**
 * Reads the named items, changes them, and writes them back together, after every change queued
 * before: all of the change is stored, or none of it (a SaveError tells why). Returns what was
 * written.
 */
export function update<N extends ItemName>(names: readonly N[], change: (saved: Pick<Stored, N>) => Pick<Stored, N>): Promise<Pick<Stored, N>> {
  return serialized(async () => {
    const changed = change(await read(names));
    const next = {} as Pick<Stored, N>;
    for (const name of names) next[name] = SANITIZE[name](changed[name]);
    await write(next);
    return next;
  });
}

export async function updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
  return (await update(['settings'], (s) => ({ settings: change(s.settings) }))).settings;
}

export async function updateKept(change: (k: KeptBySite) => KeptBySite): Promise<KeptBySite> {
  return (await update(['kept'], (s) => ({ kept: change(s.kept) }))).kept;
}

export async function updateUserRules(change: (r: UserRulesBySite) => UserRulesBySite): Promise<UserRulesBySite> {
  return (await update(['userRules'], (s) => ({ userRules: change(s.userRules) }))).userRules;
}

export async function updateReaderPrefs(change: (p: ReaderPrefs) => ReaderPrefs): Promise<ReaderPrefs> {
  return (await update(['reader'], (s) => ({ reader: change(s.reader) }))).reader;
}

/** Back to defaults: on everywhere, no site off, nothing kept, no rule of the user's, nothing learned. */
export function resetSettings(): Promise<void> {
  return serialized(() => storage.removeItems([ITEMS.settings.key, ITEMS.kept.key, ITEMS.userRules.key, ITEMS.learnedRules.key, ITEMS.learnPages.key]));
}

/** Brings stored values of older versions up to date (the background does it when it starts). */
export function migrateStorage(): Promise<void> {
  return serialized(async () => {
    await Promise.all(Object.values(writerItems()).map((item) => item.getMeta()));
  });
}

/** Runs a change asked for by a page or a content script, after every change before it. Never throws. */
export async function writeChange(change: StoreChange): Promise<SaveResult> {
  try {
    switch (change.op) {
      case 'keep':
        await updateKept((k) => withKept(k, change.site, change.block));
        return { ok: true };
      case 'unkeep':
        await updateKept((k) => withoutKept(k, change.site, change.id));
        return { ok: true };
      case 'pickRule': {
        const saved = await updateUserRules((r) => withUserRule(r, change.site, { selector: change.selector, kind: change.kind, from: 'picker' }));
        return { ok: !!findUserRule(saved, change.site, change.selector) };
      }
      case 'deleteRule':
        await updateUserRules((r) => withoutUserRule(r, change.site, change.selector, change.hasText));
        return { ok: true };
      case 'editRule': {
        let clash = false;
        await updateUserRules((r) => {
          const edited = withEditedUserRule(r, change.site, change.old, change.rule);
          clash = edited === null;
          return edited ?? r;
        });
        return clash ? { ok: false, clash } : { ok: true };
      }
      case 'siteOn':
        await updateSettings((s) => withSiteEnabled(s, change.site, change.on));
        return { ok: true };
      case 'toggleSite':
        await updateSettings((s) => withSiteToggled(s, change.site));
        return { ok: true };
      case 'allOn':
        await updateSettings((s) => ({ ...s, enabled: change.on }));
        return { ok: true };
      case 'learnOn':
        await updateSettings((s) => ({ ...s, learn: change.on }));
        return { ok: true };
      case 'keepLearned':
      case 'learnedRuleOn': {
        const off = change.op === 'keepLearned' ? 'kept' : change.on ? null : 'user';
        let found = false;
        await update(['learnedRules'], (s) => {
          const next = withLearnedOff(s.learnedRules, change.site, change, off);
          found = next !== s.learnedRules;
          return { learnedRules: next };
        });
        return { ok: found };
      }
      case 'forgetLearned':
        await update(['learnedRules', 'learnPages'], (s) => ({
          learnedRules: withoutSite(s.learnedRules, change.site),
          learnPages: withoutSite(s.learnPages, change.site),
        }));
        return { ok: true };
      case 'readerTheme':
        return { ok: true, reader: await updateReaderPrefs((p) => ({ ...p, theme: change.theme })) };
      case 'readerFontStep':
        return { ok: true, reader: await updateReaderPrefs((p) => ({ ...p, fontStep: p.fontStep + change.by })) };
      case 'importRules': {
        let merged!: ReturnType<typeof mergeUserRules>;
        await updateUserRules((r) => (merged = mergeUserRules(r, change.rules)).rules);
        return { ok: true, rules: { added: merged.added, same: merged.same, refused: merged.refused } };
      }
      case 'importBackup': {
        let merged!: ReturnType<typeof mergeImport>;
        await update(['userRules', 'kept', 'settings', 'learnedRules'], (saved) => (merged = mergeImport(saved, { ...change, problems: [] })));
        return { ok: true, imported: { added: merged.added, same: merged.same, problems: merged.problems } };
      }
      case 'reset':
        await resetSettings();
        return { ok: true };
    }
  } catch (e) {
    return {
      ok: false,
      failure: e instanceof SaveError ? e.failure : { full: false, bytes: 0, quota: null, error: e instanceof Error ? e.message : String(e) },
    };
  }
}

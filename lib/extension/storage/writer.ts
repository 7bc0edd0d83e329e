/**
 * Every write to the storage items (lib/extension/storage/items.ts): read the items a change
 * needs, change them, and write them back in one storage call, which the browser stores whole or
 * not at all (over its quota it stores nothing). A read that fails writes nothing: a default is
 * never written over what is saved.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { ITEMS, items, type ItemName, type Stored } from './items';
import { sanitizeKept, sanitizeReaderPrefs, sanitizeSettings } from './settings';
import { sanitizeUserRules } from './user-rules';
import type { SaveFailure } from './store';
import type { KeptBySite, ReaderPrefs, Settings, UserRulesBySite } from './types';

const SANITIZE: { readonly [N in ItemName]: (x: unknown) => Stored[N] } = {
  settings: sanitizeSettings,
  kept: sanitizeKept,
  reader: sanitizeReaderPrefs,
  userRules: sanitizeUserRules,
};

/** A write the browser refused: nothing of it was stored. */
export class SaveError extends Error {
  constructor(readonly failure: SaveFailure) {
    super(failure.error);
    this.name = 'SaveError';
  }
}

async function read<N extends ItemName>(names: readonly N[]): Promise<Pick<Stored, N>> {
  const values = await Promise.all(names.map((name) => items()[name].getValue()));
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
 * Reads the named items, changes them, and writes them back together: all of the change is
 * stored, or none of it (a SaveError tells why). Returns what was written.
 */
export async function update<N extends ItemName>(names: readonly N[], change: (saved: Pick<Stored, N>) => Pick<Stored, N>): Promise<Pick<Stored, N>> {
  const changed = change(await read(names));
  const next = {} as Pick<Stored, N>;
  for (const name of names) next[name] = SANITIZE[name](changed[name]);
  await write(next);
  return next;
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

/** Back to defaults: on everywhere, no site off, nothing kept, no rule of the user's. */
export async function resetSettings(): Promise<void> {
  await storage.removeItems([ITEMS.settings.key, ITEMS.kept.key, ITEMS.userRules.key]);
}

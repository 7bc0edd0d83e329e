/**
 * Reading, watching and writing the storage items (lib/extension/storage/items.ts). Every value
 * read goes through its sanitizer; a read that fails falls back to the default.
 */
import { items } from './items';
import { sanitizeKept, sanitizeReaderPrefs, sanitizeSettings } from './settings';
import { sanitizeUserRules } from './user-rules';
import type { KeptBySite, ReaderPrefs, Settings, UserRulesBySite } from './types';

export async function loadSettings(): Promise<Settings> {
  try {
    return sanitizeSettings(await items().settings.getValue());
  } catch {
    return sanitizeSettings(null);
  }
}

export async function loadKept(): Promise<KeptBySite> {
  try {
    return sanitizeKept(await items().kept.getValue());
  } catch {
    return {};
  }
}

export async function updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
  const next = sanitizeSettings(change(await loadSettings()));
  await items().settings.setValue(next);
  return next;
}

export async function updateKept(change: (k: KeptBySite) => KeptBySite): Promise<KeptBySite> {
  const next = sanitizeKept(change(await loadKept()));
  await items().kept.setValue(next);
  return next;
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  return items().settings.watch((v) => cb(sanitizeSettings(v)));
}

export function watchKept(cb: (k: KeptBySite) => void): () => void {
  return items().kept.watch((v) => cb(sanitizeKept(v)));
}

export async function loadReaderPrefs(): Promise<ReaderPrefs> {
  try {
    return sanitizeReaderPrefs(await items().reader.getValue());
  } catch {
    return sanitizeReaderPrefs(null);
  }
}

export async function updateReaderPrefs(change: (p: ReaderPrefs) => ReaderPrefs): Promise<ReaderPrefs> {
  const next = sanitizeReaderPrefs(change(await loadReaderPrefs()));
  await items().reader.setValue(next);
  return next;
}

export function watchReaderPrefs(cb: (p: ReaderPrefs) => void): () => void {
  return items().reader.watch((v) => cb(sanitizeReaderPrefs(v)));
}

export async function loadUserRules(): Promise<UserRulesBySite> {
  try {
    return sanitizeUserRules(await items().userRules.getValue());
  } catch {
    return {};
  }
}

export async function updateUserRules(change: (r: UserRulesBySite) => UserRulesBySite): Promise<UserRulesBySite> {
  const next = sanitizeUserRules(change(await loadUserRules()));
  await items().userRules.setValue(next);
  return next;
}

export function watchUserRules(cb: (r: UserRulesBySite) => void): () => void {
  return items().userRules.watch((v) => cb(sanitizeUserRules(v)));
}

/** Back to defaults: on everywhere, no site off, nothing kept, no rule of the user's. */
export async function resetSettings(): Promise<void> {
  await Promise.all([items().settings.removeValue(), items().kept.removeValue(), items().userRules.removeValue()]);
}

/**
 * Reading and watching the storage items (lib/extension/storage/items.ts), in any of the
 * extension's contexts. Every value read goes through its sanitizer; a read that fails falls back
 * to the default. Writing them is lib/extension/storage/writer.ts.
 */
import { items } from './items';
import { sanitizeKept, sanitizeReaderPrefs, sanitizeSettings } from './settings';
import { sanitizeUserRules } from './user-rules';
import { t, uiLanguage } from '../i18n';
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

export function watchUserRules(cb: (r: UserRulesBySite) => void): () => void {
  return items().userRules.watch((v) => cb(sanitizeUserRules(v)));
}

/** Why a write stored nothing. */
export interface SaveFailure {
  /** Over the browser's quota for the extension's storage. */
  full: boolean;
  /** What the items written would take, in bytes as the browser counts them (key and JSON text). */
  bytes: number;
  /** The browser's limit for the extension's storage.local, where it has one. */
  quota: number | null;
  /** The browser's words. */
  error: string;
}

const megabytes = (bytes: number) => new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits: 1 }).format(bytes / 1_048_576);

/** What the options page says of an import that stored nothing. */
export function importFailureText(failure: SaveFailure): string {
  if (failure.full && failure.quota !== null) return t('importStorageFull', megabytes(failure.bytes), megabytes(failure.quota));
  return t('importNotSaved', failure.error);
}

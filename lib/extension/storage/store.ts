/**
 * The storage items (lib/extension/storage/items.ts) as every context of the extension uses them:
 * read and watched here, every value through its sanitizer (a read that fails falls back to the
 * default); changed by asking the background, which alone writes them, one change after another
 * (`save`, `saveForSite`; lib/extension/storage/writer.ts).
 */
import { items } from './items';
import { sanitizeKept, sanitizeReaderPrefs, sanitizeSettings } from './settings';
import { sanitizeUserRules } from './user-rules';
import { sanitizeLearnedRules, type LearnedRulesBySite } from './learned';
import { t, uiLanguage } from '../i18n';
import { sendToExtension } from '../messages';
import { parseSaveResult, type SaveFailure, type SaveResult, type SiteChange, type StoreChange } from './changes';
import type { KeptBySite, ReaderPrefs, Settings, UserRulesBySite } from './types';

export type { SaveFailure, SaveResult, SiteChange, StoreChange };

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

export async function loadLearnedRules(): Promise<LearnedRulesBySite> {
  try {
    return sanitizeLearnedRules(await items().learnedRules.getValue());
  } catch {
    return {};
  }
}

export function watchLearnedRules(cb: (r: LearnedRulesBySite) => void): () => void {
  return items().learnedRules.watch((v) => cb(sanitizeLearnedRules(v)));
}

const failed = (error: unknown): SaveResult => ({
  ok: false,
  failure: { full: false, bytes: 0, quota: null, error: error instanceof Error ? error.message : String(error) },
});

/** Asks the background to make a change, from an extension page. The answer says what it did; never throws. */
export async function save(change: StoreChange): Promise<SaveResult> {
  try {
    return parseSaveResult(await sendToExtension({ type: 'save', change })) ?? failed('no answer');
  } catch (e) {
    return failed(e);
  }
}

/** Asks the background to change what is saved for the content script's own site. Never throws. */
export async function saveForSite(change: SiteChange): Promise<SaveResult> {
  try {
    return parseSaveResult(await sendToExtension({ type: 'saveForSite', change })) ?? failed('no answer');
  } catch (e) {
    return failed(e);
  }
}

const megabytes = (bytes: number) => new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits: 1 }).format(bytes / 1_048_576);

/** What the options page says of an import that stored nothing. */
export function importFailureText(failure: SaveFailure | undefined): string {
  if (failure?.full && failure.quota !== null) return t('importStorageFull', megabytes(failure.bytes), megabytes(failure.quota));
  return t('importNotSaved', failure?.error ?? '');
}

/** What a page says of a change that stored nothing. */
export function saveFailureText(failure: SaveFailure | undefined): string {
  return t('saveFailed', failure?.error ?? '');
}

/**
 * Every storage item of the extension, in storage.local. Each is versioned; every value read is
 * checked by its module's sanitizer, and a corrupt one falls back instead of throwing.
 *
 *   local:settings  v1  { enabled: boolean, disabledSites: string[], learn: boolean }                     settings.ts
 *   local:kept      v2  { [site]: [{ id, kind, text, at }] }   (v1 held block ids only)     settings.ts
 *   local:reader    v1  { theme: 'auto' | 'light' | 'dark' | 'sepia', fontStep: integer }    settings.ts
 *   local:userRules v1  { [site or '*']: [{ selector, kind, hasText?, allow?, at, from }] }  user-rules.ts
 *   local:learnedRules v1  { [site]: { pages, at, rules: [{ kind, selector, hasText?, …, off? }] } }  learned.ts
 *   local:learnPages v1    { [site]: { used, pages: PageDigest[] } }  (the background's alone)    learn-pages.ts
 *
 * Sites are keyed by host name without "www." (see `siteKey`). (The background's per-tab states
 * live in storage.session, one key per tab: lib/extension/background/tab-store.ts. The early styles,
 * `early:<site>` and `earlySites` in storage.local, are not items: the background derives them from
 * these, lib/extension/storage/early.ts.)
 *
 * Only the background writes them (lib/extension/storage/writer.ts). A migration is a write too, so
 * only the writer's definitions carry migrations; every other context reads a value of an older
 * version as it is, and its sanitizer reads it right (`sanitizeKept` takes v1's bare ids).
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_READER_PREFS, DEFAULT_SETTINGS, migrateKeptV2 } from './settings';
import type { KeptBySite, ReaderPrefs, Settings, UserRulesBySite } from './types';
import type { LearnedRulesBySite } from './learned';
import type { LearnPagesBySite } from './learn-pages';

/** Each item's key in storage and its version (the browser holds the version under `key$`). */
export const ITEMS = {
  settings: { key: 'local:settings', version: 1 },
  kept: { key: 'local:kept', version: 2 },
  reader: { key: 'local:reader', version: 1 },
  userRules: { key: 'local:userRules', version: 1 },
  learnedRules: { key: 'local:learnedRules', version: 1 },
  learnPages: { key: 'local:learnPages', version: 1 },
} as const;

/** What each item holds. */
export interface Stored {
  settings: Settings;
  kept: KeptBySite;
  reader: ReaderPrefs;
  userRules: UserRulesBySite;
  learnedRules: LearnedRulesBySite;
  learnPages: LearnPagesBySite;
}
export type ItemName = keyof Stored;

function defineItems(writer: boolean) {
  return {
    settings: storage.defineItem<Settings>(ITEMS.settings.key, {
      version: ITEMS.settings.version,
      fallback: DEFAULT_SETTINGS,
    }),
    kept: storage.defineItem<KeptBySite>(ITEMS.kept.key, {
      version: ITEMS.kept.version,
      fallback: {},
      ...(writer ? { migrations: { 2: migrateKeptV2 } } : {}),
    }),
    reader: storage.defineItem<ReaderPrefs>(ITEMS.reader.key, {
      version: ITEMS.reader.version,
      fallback: DEFAULT_READER_PREFS,
    }),
    userRules: storage.defineItem<UserRulesBySite>(ITEMS.userRules.key, {
      version: ITEMS.userRules.version,
      fallback: {},
    }),
    learnedRules: storage.defineItem<LearnedRulesBySite>(ITEMS.learnedRules.key, {
      version: ITEMS.learnedRules.version,
      fallback: {},
    }),
    learnPages: storage.defineItem<LearnPagesBySite>(ITEMS.learnPages.key, {
      version: ITEMS.learnPages.version,
      fallback: {},
    }),
  };
}

type Items = ReturnType<typeof defineItems>;
let forReading: Items | null = null;
let forWriting: Items | null = null;

/** The storage items, to read and watch; defined on first use (importing this module touches no storage). */
export function items(): Items {
  return (forReading ??= defineItems(false));
}

/** The storage items for the writer (the background): defining them runs their migrations. */
export function writerItems(): Items {
  return (forWriting ??= defineItems(true));
}

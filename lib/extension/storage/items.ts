/**
 * Every storage item of the extension, in storage.local. Each is versioned; every value read is
 * checked by its module's sanitizer, and a corrupt one falls back instead of throwing.
 *
 *   local:settings  v1  { enabled: boolean, disabledSites: string[] }                       settings.ts
 *   local:kept      v2  { [site]: [{ id, kind, text, at }] }   (v1 held block ids only)     settings.ts
 *   local:reader    v1  { theme: 'auto' | 'light' | 'dark' | 'sepia', fontStep: integer }    settings.ts
 *   local:userRules v1  { [site or '*']: [{ selector, kind, hasText?, allow?, at, from }] }  user-rules.ts
 *
 * Sites are keyed by host name without "www." (see `siteKey`). (The background's per-tab states
 * live in storage.session, one key per tab: lib/extension/background/tab-store.ts.)
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_READER_PREFS, DEFAULT_SETTINGS, migrateKeptV2 } from './settings';
import type { KeptBySite, ReaderPrefs, Settings, UserRulesBySite } from './types';

function defineItems() {
  return {
    settings: storage.defineItem<Settings>('local:settings', {
      version: 1,
      fallback: DEFAULT_SETTINGS,
    }),
    kept: storage.defineItem<KeptBySite>('local:kept', {
      version: 2,
      fallback: {},
      migrations: { 2: migrateKeptV2 },
    }),
    reader: storage.defineItem<ReaderPrefs>('local:reader', {
      version: 1,
      fallback: DEFAULT_READER_PREFS,
    }),
    userRules: storage.defineItem<UserRulesBySite>('local:userRules', {
      version: 1,
      fallback: {},
    }),
  };
}

let defined: ReturnType<typeof defineItems> | null = null;

/** The storage items, defined on first use (so importing this module touches no storage). */
export function items(): ReturnType<typeof defineItems> {
  return (defined ??= defineItems());
}

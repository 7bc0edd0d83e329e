/**
 * The user's choices, in extension storage: whether the extension is on (everywhere and per site)
 * and which blocks to keep on each site. Two versioned storage items; every value read is checked,
 * and a corrupt one falls back to the default instead of throwing.
 *
 *   local:settings  v1  { enabled: boolean, disabledSites: string[] }
 *   local:kept      v2  { [site]: [{ id, kind, text, at }] }   (v1 held block ids only)
 *   local:reader    v1  { theme: 'auto' | 'light' | 'dark' | 'sepia', fontStep: integer }
 *   local:userRules v1  { [site or '*']: [{ selector, kind, hasText?, allow?, at, from }] }  (lib/user-rules.ts)
 *
 * Sites are keyed by host name without "www." (see `siteKey`).
 */
import { storage } from 'wxt/utils/storage';
import { siteKey } from '../../engine/page/url';
import { KINDS, type Kind } from '../../engine/types';
import type { UserRulesBySite } from './user-rules';

export interface Settings {
  /** Off everywhere when false. */
  enabled: boolean;
  /** Sites the user turned off, sorted. */
  disabledSites: string[];
}

/** A block the user chose to keep on a site: shown on every visit. */
export interface KeptBlock {
  id: string;
  kind: Kind;
  /** The start of the block's text, for the options page. */
  text: string;
  /** When it was kept (ms since the epoch). */
  at: number;
}

export type KeptBySite = Record<string, KeptBlock[]>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ enabled: true, disabledSites: [] });

/** The reader view's look: `auto` follows the browser's light or dark preference. */
export const READER_THEMES = ['auto', 'light', 'dark', 'sepia'] as const;
export type ReaderTheme = (typeof READER_THEMES)[number];

export interface ReaderPrefs {
  theme: ReaderTheme;
  /** Text size in steps from the default (0): each step about 10% larger or smaller. */
  fontStep: number;
}

export const MIN_FONT_STEP = -3;
export const MAX_FONT_STEP = 6;
export const DEFAULT_READER_PREFS: Readonly<ReaderPrefs> = Object.freeze({ theme: 'auto', fontStep: 0 });

export const MAX_SITES = 2000;
export const MAX_KEPT_PER_SITE = 500;
export const MAX_KEPT_TEXT = 300;

/** The key of a site: lower case, no trailing dot, no leading "www.". */
export { siteKey };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isSite = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 253 && !/[\s/]/.test(x);
const isBlockId = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 200;

/** Settings from whatever was stored: unknown fields dropped, wrong ones defaulted. */
export function sanitizeSettings(x: unknown): Settings {
  if (!isObject(x)) return { ...DEFAULT_SETTINGS, disabledSites: [] };
  const sites = Array.isArray(x.disabledSites) ? x.disabledSites.filter(isSite).map(siteKey).filter(Boolean) : [];
  return {
    enabled: typeof x.enabled === 'boolean' ? x.enabled : DEFAULT_SETTINGS.enabled,
    disabledSites: [...new Set(sites)].sort().slice(0, MAX_SITES),
  };
}

/** Reader preferences from whatever was stored: an unknown theme is `auto`, the step is clamped. */
export function sanitizeReaderPrefs(x: unknown): ReaderPrefs {
  if (!isObject(x)) return { ...DEFAULT_READER_PREFS };
  const theme = READER_THEMES.includes(x.theme as ReaderTheme) ? (x.theme as ReaderTheme) : DEFAULT_READER_PREFS.theme;
  const step = typeof x.fontStep === 'number' && Number.isFinite(x.fontStep) ? Math.round(x.fontStep) : DEFAULT_READER_PREFS.fontStep;
  return { theme, fontStep: Math.min(MAX_FONT_STEP, Math.max(MIN_FONT_STEP, step)) };
}

/** The kind of a block from its id (`<kind>-<hash>`), for entries that lack one. */
export function kindOfId(id: string): Kind | null {
  const k = id.split('-')[0];
  return KINDS.includes(k as Kind) ? (k as Kind) : null;
}

function sanitizeKeptBlock(x: unknown): KeptBlock | null {
  if (isBlockId(x)) {
    const kind = kindOfId(x);
    return kind ? { id: x, kind, text: '', at: 0 } : null;
  }
  if (!isObject(x) || !isBlockId(x.id)) return null;
  const kind = KINDS.includes(x.kind as Kind) ? (x.kind as Kind) : kindOfId(x.id);
  if (!kind) return null;
  return {
    id: x.id,
    kind,
    text: typeof x.text === 'string' ? x.text.slice(0, MAX_KEPT_TEXT) : '',
    at: typeof x.at === 'number' && Number.isFinite(x.at) && x.at >= 0 ? x.at : 0,
  };
}

/** Kept blocks from whatever was stored. Bare ids (the v1 form) become entries of their kind. */
export function sanitizeKept(x: unknown): KeptBySite {
  const out: KeptBySite = {};
  if (!isObject(x)) return out;
  let sites = 0;
  for (const [site, list] of Object.entries(x)) {
    if (!isSite(site) || !Array.isArray(list)) continue;
    const key = siteKey(site);
    const seen = new Set((out[key] ?? []).map((b) => b.id));
    const blocks = [...(out[key] ?? [])];
    for (const item of list) {
      const b = sanitizeKeptBlock(item);
      if (!b || seen.has(b.id) || blocks.length >= MAX_KEPT_PER_SITE) continue;
      seen.add(b.id);
      blocks.push(b);
    }
    if (blocks.length === 0) continue;
    if (!out[key] && ++sites > MAX_SITES) break;
    out[key] = blocks;
  }
  return out;
}

/** v1 → v2 of `local:kept`: `{ site: ["newsletter-1x2y", …] }` → entries with kind, text and time. */
export function migrateKeptV2(old: unknown): KeptBySite {
  return sanitizeKept(old);
}

/** Is the extension on for a site, and if not, why. */
export function siteState(settings: Settings, site: string): { on: boolean; offBy: 'site' | 'global' | null } {
  if (!settings.enabled) return { on: false, offBy: 'global' };
  if (settings.disabledSites.includes(siteKey(site))) return { on: false, offBy: 'site' };
  return { on: true, offBy: null };
}

export function withSiteEnabled(settings: Settings, site: string, on: boolean): Settings {
  const key = siteKey(site);
  const rest = settings.disabledSites.filter((s) => s !== key);
  return sanitizeSettings({ ...settings, disabledSites: on || !key ? rest : [...rest, key] });
}

/** The site turned off if it was on, on if it was off (the keyboard shortcut). */
export function withSiteToggled(settings: Settings, site: string): Settings {
  return withSiteEnabled(settings, site, settings.disabledSites.includes(siteKey(site)));
}

export function keptIds(kept: KeptBySite, site: string): string[] {
  return (kept[siteKey(site)] ?? []).map((b) => b.id);
}

export function withKept(kept: KeptBySite, site: string, block: { id: string; kind: Kind; text: string }, at = Date.now()): KeptBySite {
  const key = siteKey(site);
  if (!key) return kept;
  const list = (kept[key] ?? []).filter((b) => b.id !== block.id);
  list.push({ id: block.id, kind: block.kind, text: block.text.replace(/\s+/g, ' ').trim().slice(0, MAX_KEPT_TEXT), at });
  return sanitizeKept({ ...kept, [key]: list });
}

export function withoutKept(kept: KeptBySite, site: string, id?: string): KeptBySite {
  const key = siteKey(site);
  const out = { ...kept };
  const list = id === undefined ? [] : (out[key] ?? []).filter((b) => b.id !== id);
  if (list.length) out[key] = list;
  else delete out[key];
  return out;
}

// ---- Storage ----

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

/** Back to defaults: on everywhere, no site off, nothing kept, no rule of the user's. */
export async function resetSettings(): Promise<void> {
  await Promise.all([items().settings.removeValue(), items().kept.removeValue(), items().userRules.removeValue()]);
}

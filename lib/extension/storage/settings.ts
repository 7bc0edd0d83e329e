/**
 * The user's choices: whether the extension is on (everywhere and per site), which blocks to keep
 * on each site, and the reader view's look. Pure functions over the values of the storage items
 * (lib/extension/storage/items.ts); reading and writing them is lib/extension/storage/store.ts.
 * Every value read is checked, and a corrupt one falls back to the default instead of throwing.
 *
 * Sites are keyed by host name without "www." (see `siteKey`).
 */
import { siteKey } from '../../engine/page/url';
import { KINDS, type Kind } from '../../engine/types';
import { bySite, siteEntry, withSiteEntry } from './by-site';
import { READER_THEMES, type KeptBlock, type KeptBySite, type ReaderPrefs, type ReaderTheme, type Settings } from './types';

export { READER_THEMES };
export type { KeptBlock, KeptBySite, ReaderPrefs, ReaderTheme, Settings };

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ enabled: true, disabledSites: [], learn: true });

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
    learn: typeof x.learn === 'boolean' ? x.learn : DEFAULT_SETTINGS.learn,
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
  const out: KeptBySite = bySite();
  if (!isObject(x)) return out;
  let sites = 0;
  for (const [site, list] of Object.entries(x)) {
    if (!isSite(site) || !Array.isArray(list)) continue;
    const key = siteKey(site);
    const blocks = [...(siteEntry(out, key) ?? [])];
    const seen = new Set(blocks.map((b) => b.id));
    for (const item of list) {
      const b = sanitizeKeptBlock(item);
      if (!b || seen.has(b.id) || blocks.length >= MAX_KEPT_PER_SITE) continue;
      seen.add(b.id);
      blocks.push(b);
    }
    if (blocks.length === 0) continue;
    if (!siteEntry(out, key) && ++sites > MAX_SITES) break;
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
  return (siteEntry(kept, siteKey(site)) ?? []).map((b) => b.id);
}

export function withKept(kept: KeptBySite, site: string, block: { id: string; kind: Kind; text: string }, at = Date.now()): KeptBySite {
  const key = siteKey(site);
  if (!key) return kept;
  const list = (siteEntry(kept, key) ?? []).filter((b) => b.id !== block.id);
  list.push({ id: block.id, kind: block.kind, text: block.text.replace(/\s+/g, ' ').trim().slice(0, MAX_KEPT_TEXT), at });
  return sanitizeKept(withSiteEntry(kept, key, list));
}

export function withoutKept(kept: KeptBySite, site: string, id?: string): KeptBySite {
  const key = siteKey(site);
  const out = bySite(Object.entries(kept));
  const list = id === undefined ? [] : (siteEntry(out, key) ?? []).filter((b) => b.id !== id);
  if (list.length) out[key] = list;
  else delete out[key];
  return out;
}

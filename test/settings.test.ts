import { describe, expect, it } from 'vitest';
import {
  DEFAULT_READER_PREFS,
  DEFAULT_SETTINGS,
  MAX_FONT_STEP,
  MAX_KEPT_TEXT,
  MIN_FONT_STEP,
  keptIds,
  kindOfId,
  migrateKeptV2,
  sanitizeKept,
  sanitizeReaderPrefs,
  sanitizeSettings,
  siteKey,
  siteState,
  withKept,
  withSiteEnabled,
  withSiteToggled,
  withoutKept,
} from '../lib/extension/storage/settings';

describe('siteKey', () => {
  it('drops www., a trailing dot and case', () => {
    expect(siteKey('www.CNBC.com')).toBe('cnbc.com');
    expect(siteKey('globalnews.ca.')).toBe('globalnews.ca');
    expect(siteKey('m.cnbc.com')).toBe('m.cnbc.com');
  });
});

describe('sanitizeSettings', () => {
  it('falls back to the defaults for values that are not settings', () => {
    for (const bad of [null, undefined, 'on', 42, [], [true]]) expect(sanitizeSettings(bad)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps good fields and defaults bad ones', () => {
    expect(sanitizeSettings({ enabled: 'yes', disabledSites: ['www.B.com', 'a.com', 'a.com', 7, '', 'has space', 'x/y'], learn: 'no' })).toEqual({
      enabled: true,
      disabledSites: ['a.com', 'b.com'],
      learn: true,
    });
    expect(sanitizeSettings({ enabled: false, disabledSites: 'a.com', learn: false })).toEqual({ enabled: false, disabledSites: [], learn: false });
    // Settings saved before learning existed: learning is on.
    expect(sanitizeSettings({ enabled: true, disabledSites: [] }).learn).toBe(true);
  });
});

describe('sanitizeKept and the v1 → v2 migration', () => {
  it('turns v1 bare ids into entries of their kind', () => {
    expect(migrateKeptV2({ 'www.cnbc.com': ['related-abc', 'ad-x1', 'bogus-1', 3] })).toEqual({
      'cnbc.com': [
        { id: 'related-abc', kind: 'related', text: '', at: 0 },
        { id: 'ad-x1', kind: 'ad', text: '', at: 0 },
      ],
    });
  });

  it('drops junk without throwing', () => {
    for (const bad of [null, 'x', 5, [], { 'a.com': 'ad-1' }, { '': ['ad-1'] }, { 'a.com': [{}] }]) {
      expect(sanitizeKept(bad)).toEqual({});
      expect(migrateKeptV2(bad)).toEqual({});
    }
  });

  it('keeps v2 entries, cutting long texts and dropping repeats', () => {
    const kept = sanitizeKept({
      'a.com': [
        { id: 'share-1', kind: 'share', text: 'S'.repeat(1000), at: 5 },
        { id: 'share-1', kind: 'share', text: 'again', at: 6 },
        { id: 'newsletter-2', kind: 'nonsense', text: 'n', at: 'x' },
      ],
    });
    expect(kept['a.com'].map((b) => [b.id, b.kind, b.text.length, b.at])).toEqual([
      ['share-1', 'share', MAX_KEPT_TEXT, 5],
      ['newsletter-2', 'newsletter', 1, 0],
    ]);
  });

  it('knows a kind from an id', () => {
    expect(kindOfId('duplicate-1a2b-2')).toBe('duplicate');
    expect(kindOfId('weird-1')).toBeNull();
  });
});

describe('site switches and kept blocks', () => {
  it('says whether a site is on, and why not', () => {
    const s = withSiteEnabled(DEFAULT_SETTINGS, 'www.cnbc.com', false);
    expect(s.disabledSites).toEqual(['cnbc.com']);
    expect(siteState(s, 'cnbc.com')).toEqual({ on: false, offBy: 'site' });
    expect(siteState(s, 'globalnews.ca')).toEqual({ on: true, offBy: null });
    expect(siteState({ ...s, enabled: false }, 'globalnews.ca')).toEqual({ on: false, offBy: 'global' });
    expect(withSiteEnabled(s, 'cnbc.com', true).disabledSites).toEqual([]);
  });

  it('adds and removes kept blocks per site', () => {
    let k = withKept({}, 'www.cnbc.com', { id: 'ad-1', kind: 'ad', text: '  Ad\n text ' }, 10);
    k = withKept(k, 'cnbc.com', { id: 'share-2', kind: 'share', text: 'Share' }, 11);
    expect(keptIds(k, 'www.cnbc.com')).toEqual(['ad-1', 'share-2']);
    expect(k['cnbc.com'][0]).toEqual({ id: 'ad-1', kind: 'ad', text: 'Ad text', at: 10 });
    k = withoutKept(k, 'cnbc.com', 'ad-1');
    expect(keptIds(k, 'cnbc.com')).toEqual(['share-2']);
    k = withoutKept(k, 'cnbc.com', 'share-2');
    expect(k).toEqual({});
    expect(withoutKept(withKept({}, 'a.com', { id: 'ad-1', kind: 'ad', text: '' }), 'a.com')).toEqual({});
  });
});

describe('the keyboard shortcut toggles a site', () => {
  it('turns an on site off and an off site on, leaving the global switch alone', () => {
    const off = withSiteToggled(DEFAULT_SETTINGS, 'www.cnbc.com');
    expect(off).toEqual({ enabled: true, disabledSites: ['cnbc.com'], learn: true });
    expect(withSiteToggled(off, 'cnbc.com')).toEqual({ enabled: true, disabledSites: [], learn: true });
    expect(withSiteToggled({ enabled: false, disabledSites: [], learn: true }, 'a.com')).toEqual({ enabled: false, disabledSites: ['a.com'], learn: true });
  });
});

describe('sanitizeReaderPrefs', () => {
  it('falls back to auto and the default size', () => {
    for (const bad of [null, undefined, 'dark', 3, [], {}]) expect(sanitizeReaderPrefs(bad)).toEqual(DEFAULT_READER_PREFS);
    expect(DEFAULT_READER_PREFS).toEqual({ theme: 'auto', fontStep: 0 });
  });

  it('keeps a known theme, rounds and clamps the step', () => {
    expect(sanitizeReaderPrefs({ theme: 'sepia', fontStep: 2 })).toEqual({ theme: 'sepia', fontStep: 2 });
    expect(sanitizeReaderPrefs({ theme: 'neon', fontStep: 1.6 })).toEqual({ theme: 'auto', fontStep: 2 });
    expect(sanitizeReaderPrefs({ theme: 'dark', fontStep: 99 })).toEqual({ theme: 'dark', fontStep: MAX_FONT_STEP });
    expect(sanitizeReaderPrefs({ theme: 'light', fontStep: -99 })).toEqual({ theme: 'light', fontStep: MIN_FONT_STEP });
    expect(sanitizeReaderPrefs({ theme: 'light', fontStep: Number.NaN })).toEqual({ theme: 'light', fontStep: 0 });
  });
});

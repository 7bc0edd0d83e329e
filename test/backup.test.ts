/**
 * Export and import of the user's rules, kept blocks and sites turned off: the file's shape, a
 * round trip, and an import that merges, never drops or changes what is saved, and reports each
 * entry it cannot take.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, exportFileName, exportSettings, mergeImport, parseSettingsExport, type Saved } from '../lib/extension/storage/backup';
import { MAX_LEARNED_RULES, type StoredLearnedRule } from '../lib/extension/storage/learned';
import { selectorCheck, type UserRule } from '../lib/extension/storage/user-rules';
import { docFrom } from './helpers/dom';

const rule = (selector: string, extra: Partial<UserRule> = {}): UserRule => ({ selector, kind: 'ad', at: 1, from: 'import', ...extra });

const learned = (selector: string, extra: Partial<StoredLearnedRule> = {}): StoredLearnedRule => ({
  kind: 'share',
  selector,
  reason: 'share bar of this site',
  samples: ['https://a.com/1', 'https://a.com/2'],
  confidence: 0.8,
  foundBy: 'detector:share',
  at: 7,
  ...extra,
});

const saved: Saved = {
  userRules: { 'a.com': [rule('.x', { kind: 'share' })], '*': [rule('.ad-banner')] },
  kept: { 'a.com': [{ id: 'ad-1x', kind: 'ad', text: 'Buy now', at: 5 }] },
  settings: { enabled: false, disabledSites: ['off.com'], learn: true },
  learnedRules: {
    'a.com': { pages: 4, at: 9, rules: [learned('.share-bar'), learned('.promo', { kind: 'promo', hasText: 'Subscribe', off: 'user' })] },
    'b.com': { pages: 2, at: 3, rules: [learned('.kicker', { kind: 'related', off: 'article', offWhy: '“Paragraph 1…” on https://b.com/x' })] },
  },
};

const empty: Saved = { userRules: {}, kept: {}, settings: { enabled: true, disabledSites: [], learn: true }, learnedRules: {} };

describe('exportSettings', () => {
  it('writes one JSON object of the documented shape, without the switch for all sites', () => {
    const file = exportSettings(saved, Date.UTC(2025, 5, 1));
    expect(file).toEqual({
      format: EXPORT_FORMAT,
      version: 1,
      exported: '2025-06-01T00:00:00.000Z',
      userRules: saved.userRules,
      kept: saved.kept,
      disabledSites: ['off.com'],
      learnedRules: saved.learnedRules,
    });
    expect(exportFileName(Date.UTC(2025, 5, 1))).toBe('declutter-settings-2025-06-01.json');
  });

  it('round-trips: importing an export into nothing gives the same rules, blocks, sites and learned rules', () => {
    const text = JSON.stringify(exportSettings(saved));
    const parsed = parseSettingsExport(text);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.problems).toEqual([]);
    const merged = mergeImport(empty, parsed);
    expect(merged.userRules).toEqual(saved.userRules);
    expect(merged.kept).toEqual(saved.kept);
    expect(merged.settings).toEqual({ enabled: true, disabledSites: ['off.com'], learn: true });
    // Learned rules come back with their state and their sites' counts of pages.
    expect(merged.learnedRules).toEqual(saved.learnedRules);
    expect(merged.added).toEqual({ rules: 2, kept: 1, sites: 1, learned: 3 });
    // Importing it again adds nothing.
    const again = mergeImport(merged, parsed);
    expect(again.added).toEqual({ rules: 0, kept: 0, sites: 0, learned: 0 });
    expect(again.same).toBe(7);
    expect(again.learnedRules).toEqual(saved.learnedRules);
    expect(again.userRules).toEqual(merged.userRules);
  });
});

describe('parseSettingsExport', () => {
  it('refuses what is not an export, with a clear message', () => {
    expect(parseSettingsExport('not json')).toEqual({ error: 'The file is not JSON.' });
    expect(parseSettingsExport('{"format":"something-else"}')).toEqual({ error: 'The file is not an export of Declutter News settings.' });
    expect(parseSettingsExport('[1,2]')).toEqual({ error: 'The file is not an export of Declutter News settings.' });
    expect(parseSettingsExport(`{"format":"${EXPORT_FORMAT}","version":2}`)).toEqual({ error: 'The file is from a newer version (format version 2).' });
  });

  it('takes the good entries and reports each bad one by where it is', () => {
    const file = {
      format: EXPORT_FORMAT,
      version: 1,
      userRules: {
        'b.com': [rule('.good'), { selector: 'div:::nope', kind: 'ad' }, { selector: '.k', kind: 'weird' }, 'junk', { selector: 'p', hasText: '/(/' }],
        'not a site': [rule('.y')],
        'c.com': 'nope',
      },
      kept: { 'b.com': [{ id: 'share-9z', kind: 'share', text: 'Share', at: 1 }, { nothing: true }], '*': [] },
      disabledSites: ['off2.com', 'bad site', 42],
    };
    const parsed = parseSettingsExport(JSON.stringify(file), selectorCheck(docFrom('<p>x</p>')));
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.userRules.map((r) => [r.site, r.rule.selector])).toEqual([['b.com', '.good']]);
    expect(parsed.kept.map((k) => [k.site, k.block.id])).toEqual([['b.com', 'share-9z']]);
    expect(parsed.disabledSites.map((s) => s.site)).toEqual(['off2.com']);
    expect(parsed.problems).toEqual([
      { where: 'rule 2 for b.com', reason: 'not a valid CSS selector' },
      { where: 'rule 3 for b.com', reason: 'unknown kind “weird”' },
      { where: 'rule 4 for b.com', reason: 'not a rule (an object with a selector)' },
      { where: 'rule 5 for b.com', reason: expect.stringMatching(/^the :has-text\(\) pattern is not a valid regular expression/) },
      { where: 'rules for not a site', reason: '“not a site” is not a site name' },
      { where: 'rules for c.com', reason: 'not a list' },
      { where: 'kept block 2 on b.com', reason: 'not a kept block (an id such as “ad-1x2y”, and a kind)' },
      { where: 'kept blocks on *', reason: '“*” is not a site name' },
      { where: 'site turned off 2', reason: '“bad site” is not a site name' },
      { where: 'site turned off 3', reason: '“42” is not a site name' },
    ]);
  });
});

describe('learned rules in a file', () => {
  const file = (learnedRules: unknown) => JSON.stringify({ format: EXPORT_FORMAT, version: 1, learnedRules });

  it('takes the good ones and reports each corrupt entry by where it is', () => {
    const parsed = parseSettingsExport(
      file({
        'c.com': {
          pages: 3,
          at: 1,
          rules: [learned('.good'), { kind: 'banner', selector: '.k' }, { kind: 'ad' }, 'junk', learned('div:::x'), learned('.off', { off: 'kept' })],
        },
        'not a site': { pages: 1, at: 1, rules: [learned('.y')] },
        '*': { pages: 1, at: 1, rules: [learned('.y')] },
        'd.com': { pages: 1, rules: 'nope' },
        'e.com': [learned('.z')],
      }),
      selectorCheck(docFrom('<p>x</p>')),
    );
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.learnedRules.map((r) => [r.site, r.pages, r.rule.selector, r.rule.off])).toEqual([
      ['c.com', 3, '.good', undefined],
      ['c.com', 3, '.off', 'kept'],
    ]);
    expect(parsed.problems).toEqual([
      { where: 'learned rule 2 for c.com', reason: 'not a learned rule (a kind and a selector)' },
      { where: 'learned rule 3 for c.com', reason: 'not a learned rule (a kind and a selector)' },
      { where: 'learned rule 4 for c.com', reason: 'not a learned rule (a kind and a selector)' },
      { where: 'learned rule 5 for c.com', reason: 'not a valid CSS selector' },
      { where: 'learned rules for not a site', reason: '“not a site” is not a site name' },
      { where: 'learned rules for *', reason: '“*” is not a site name' },
      { where: 'learned rules for d.com', reason: 'not a site’s learned rules (an object with a list of rules)' },
      { where: 'learned rules for e.com', reason: 'not a site’s learned rules (an object with a list of rules)' },
    ]);
    expect(parseSettingsExport(file([1, 2]))).toMatchObject({ learnedRules: [], problems: [{ where: 'learned rules', reason: expect.any(String) }] });
  });

  it('from before learning (no learnedRules) imports as it did, and leaves the learned rules saved alone', () => {
    const old = { format: EXPORT_FORMAT, version: 1, userRules: { 'a.com': [rule('.new')] }, kept: {}, disabledSites: [] };
    const parsed = parseSettingsExport(JSON.stringify(old));
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.problems).toEqual([]);
    expect(parsed.learnedRules).toEqual([]);
    const merged = mergeImport(saved, parsed);
    expect(merged.added).toEqual({ rules: 1, kept: 0, sites: 0, learned: 0 });
    expect(merged.learnedRules).toEqual(saved.learnedRules);
  });

  it('merge: new sites and rules added, a rule saved keeps its saved state, a full site says so', () => {
    const parsed = parseSettingsExport(
      file({
        // Saved on, off in the file: stays on. Saved off by the user, on in the file: stays off.
        'a.com': {
          pages: 9,
          at: 99,
          rules: [learned('.share-bar', { off: 'user' }), learned('.promo', { kind: 'promo', hasText: 'Subscribe' }), learned('.new')],
        },
        'new.com': { pages: 5, at: 50, rules: [learned('.n1'), learned('.n2', { off: 'kept' })] },
        'full.com': { pages: 1, at: 1, rules: [learned('.one-more')] },
      }),
    );
    if ('error' in parsed) throw new Error(parsed.error);
    const full = Array.from({ length: MAX_LEARNED_RULES }, (_, i) => learned(`.r${i}`));
    const merged = mergeImport({ ...saved, learnedRules: { ...saved.learnedRules, 'full.com': { pages: 6, at: 1, rules: full } } }, parsed);
    expect(merged.learnedRules['a.com']).toEqual({ pages: 4, at: 9, rules: [...saved.learnedRules['a.com'].rules, learned('.new')] });
    expect(merged.learnedRules['new.com']).toEqual({ pages: 5, at: 50, rules: [learned('.n1'), learned('.n2', { off: 'kept' })] });
    expect(merged.learnedRules['b.com']).toEqual(saved.learnedRules['b.com']);
    expect(merged.learnedRules['full.com'].rules).toEqual(full);
    expect(merged.added.learned).toBe(3);
    expect(merged.same).toBe(2);
    expect(merged.problems).toEqual([
      { where: 'learned rule 1 for full.com', reason: `the site has the most learned rules there can be (${MAX_LEARNED_RULES})` },
    ]);
  });
});

describe('mergeImport', () => {
  it('never drops or changes what is saved, and says why it left an entry out', () => {
    const incoming = {
      format: EXPORT_FORMAT,
      version: 1,
      userRules: { 'a.com': [rule('.x', { kind: 'newsletter' }), rule('.new')] },
      kept: {
        'a.com': [
          { id: 'ad-1x', kind: 'ad', text: 'other text', at: 9 },
          { id: 'related-2y', kind: 'related', text: 'More', at: 9 },
        ],
      },
      disabledSites: ['off.com', 'new-off.com'],
    };
    const parsed = parseSettingsExport(JSON.stringify(incoming));
    if ('error' in parsed) throw new Error(parsed.error);
    const merged = mergeImport(saved, parsed, 3);
    expect(merged.userRules['a.com']).toEqual([rule('.x', { kind: 'share' }), rule('.new')]);
    expect(merged.userRules['*']).toEqual(saved.userRules['*']);
    expect(merged.kept['a.com']).toEqual([saved.kept['a.com'][0], { id: 'related-2y', kind: 'related', text: 'More', at: 9 }]);
    expect(merged.settings).toEqual({ enabled: false, disabledSites: ['new-off.com', 'off.com'], learn: true });
    expect(merged.added).toEqual({ rules: 1, kept: 1, sites: 1, learned: 0 });
    expect(merged.same).toBe(2);
    expect(merged.problems).toEqual([
      { where: 'rule 1 for a.com', reason: 'a different rule with this selector and text is saved for the site; the saved one stays' },
    ]);
  });
});

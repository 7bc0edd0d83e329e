/**
 * Changes to what is saved, as messages to the background (lib/extension/storage/changes.ts): each
 * is checked on arrival, a content script may change only its own site's entries, and no module
 * but the background's writer writes storage.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentMaySave, parseSiteChange, parseStoreChange } from '../lib/extension/storage/changes';
import { acceptRequest } from '../lib/extension/messages';

const ID = 'abcdefghijklmnop';
const LEARNED = {
  kind: 'share',
  selector: '.share-bar',
  hasText: 'Share',
  reason: 'share bar',
  samples: ['https://a.com/1'],
  confidence: 0.5,
  foundBy: 'class',
  at: 2,
  off: 'article',
  offWhy: 'text',
};
const ORIGIN = `chrome-extension://${ID}/`;
const options = { id: ID, url: `${ORIGIN}options.html` };
const content = { id: ID, url: 'https://www.globalnews.ca/news/1/', tab: { id: 7 } };

describe('parseSiteChange and parseStoreChange', () => {
  it('take each well-formed change', () => {
    const keep = { op: 'keep', site: 'a.com', block: { id: 'ad-1', kind: 'ad', text: 'Ad' } };
    expect(parseSiteChange({ ...keep, block: { ...keep.block, reason: 'x', rule: 'y' } })).toEqual(keep);
    expect(parseSiteChange({ op: 'unkeep', site: 'a.com', id: 'ad-1' })).toEqual({ op: 'unkeep', site: 'a.com', id: 'ad-1' });
    expect(parseSiteChange({ op: 'pickRule', site: 'a.com', selector: '.x', kind: 'share' })).toEqual({
      op: 'pickRule',
      site: 'a.com',
      selector: '.x',
      kind: 'share',
    });
    for (const change of [
      keep,
      { op: 'deleteRule', site: '*', selector: '.x', hasText: 'Ad' },
      { op: 'editRule', site: 'a.com', old: { selector: '.x' }, rule: { selector: '.y', kind: 'ad', from: 'options' } },
      { op: 'siteOn', site: 'a.com', on: false },
      { op: 'toggleSite', site: 'a.com' },
      { op: 'allOn', on: true },
      { op: 'readerTheme', theme: 'sepia' },
      { op: 'readerFontStep', by: -1 },
      { op: 'importRules', rules: [{ site: '*', rule: { selector: '.x', kind: 'ad', hasText: '/ad/i', allow: true, from: 'import' } }] },
      {
        op: 'importBackup',
        userRules: [{ site: 'a.com', rule: { selector: '.x', kind: 'ad', at: 0, from: 'import' }, where: 'rule 1' }],
        kept: [{ site: 'a.com', block: { id: 'ad-1', kind: 'ad', text: '', at: 0 }, where: 'kept block 1' }],
        disabledSites: [{ site: 'b.com', where: 'sites turned off, 1' }],
        learnedRules: [{ site: 'a.com', pages: 3, at: 5, rule: LEARNED, where: 'learned rule 1 for a.com' }],
      },
      { op: 'learnOn', on: false },
      { op: 'learnedRuleOn', site: 'a.com', selector: '.x', hasText: 'Ad', on: true },
      { op: 'forgetLearned', site: 'a.com' },
      { op: 'forgetLearned' },
      { op: 'reset' },
      { op: 'keepLearned', site: 'a.com', selector: '.x', hasText: 'Support us' },
      { op: 'learnOn', on: false },
      { op: 'learnedRuleOn', site: 'a.com', selector: '.x', on: true },
      { op: 'forgetLearned', site: 'a.com' },
      { op: 'forgetLearned' },
    ]) {
      expect(parseStoreChange(change), change.op).toEqual(change);
    }
  });

  it('refuse the rest: wrong fields, unknown operations, an import with one bad entry', () => {
    for (const bad of [
      null,
      'keep',
      { op: 'keep', site: 'a.com', block: { id: 'ad-1', kind: 'banner', text: '' } },
      { op: 'keep', site: '', block: { id: 'ad-1', kind: 'ad', text: '' } },
      { op: 'unkeep', site: 'a.com' },
      { op: 'pickRule', site: 'a.com', selector: 5, kind: 'ad' },
      { op: 'editRule', site: 'a.com', old: { selector: '.x' }, rule: { selector: '.y', kind: 'ad', from: 'elsewhere' } },
      { op: 'siteOn', site: 'a.com', on: 'no' },
      { op: 'readerTheme', theme: 'plaid' },
      { op: 'readerFontStep', by: 0.5 },
      { op: 'importRules', rules: [{ site: 'a.com', rule: { selector: '.x', kind: 'ad', from: 'import' } }, { site: 'a.com' }] },
      { op: 'importBackup', userRules: [], kept: [{ site: 'a.com', block: { id: 'ad-1', kind: 'ad', text: '' }, where: '' }], disabledSites: [] },
      { op: 'importBackup', userRules: [], kept: [] },
      ...[
        { site: 'a.com', pages: 3, at: 5, rule: { ...LEARNED, kind: 'banner' }, where: '' },
        { site: 'a.com', pages: 3, at: 5, rule: { ...LEARNED, selector: 5 }, where: '' },
        { site: 'a.com', pages: 3, at: 5, rule: 'junk', where: '' },
        { site: 'a.com', pages: -1, at: 5, rule: LEARNED, where: '' },
        { site: 'a.com', pages: 3, at: 5, rule: LEARNED },
        { site: 'www.a.com', pages: 3, at: 5, rule: LEARNED, where: '' },
        { site: 'a b', pages: 3, at: 5, rule: LEARNED, where: '' },
      ].map((bad) => ({
        op: 'importBackup',
        userRules: [],
        kept: [],
        disabledSites: [],
        learnedRules: [{ site: 'a.com', pages: 1, at: 1, rule: LEARNED, where: '' }, bad],
      })),
      { op: 'importBackup', userRules: [], kept: [], disabledSites: [], learnedRules: {} },
      { op: 'dropEverything' },
      { op: 'keepLearned', site: 'a.com' },
      { op: 'learnOn', on: 1 },
      { op: 'learnedRuleOn', site: 'a.com', selector: '.x' },
      { op: 'forgetLearned', site: '' },
    ]) {
      expect(parseStoreChange(bad), JSON.stringify(bad)).toBeNull();
    }
    // A request of before learning (no learned rules) is one without any.
    expect(parseStoreChange({ op: 'importBackup', userRules: [], kept: [], disabledSites: [] })).toEqual({
      op: 'importBackup',
      userRules: [],
      kept: [],
      disabledSites: [],
      learnedRules: [],
    });
    // A content script's changes are its site's kept blocks and a picked rule: nothing else.
    expect(parseSiteChange({ op: 'reset' })).toBeNull();
    expect(parseSiteChange({ op: 'siteOn', site: 'a.com', on: false })).toBeNull();
  });
});

describe('who may save what', () => {
  const keep = { op: 'keep', site: 'globalnews.ca', block: { id: 'ad-1', kind: 'ad', text: '' } } as const;

  it('lets extension pages change anything, and content scripts only through their own request', () => {
    expect(acceptRequest({ type: 'save', change: { op: 'reset' } }, options, ID, ORIGIN)?.role).toBe('page');
    expect(acceptRequest({ type: 'save', change: { op: 'reset' } }, content, ID, ORIGIN)).toBeNull();
    expect(acceptRequest({ type: 'saveForSite', change: keep }, content, ID, ORIGIN)?.request).toEqual({ type: 'saveForSite', change: keep });
    expect(acceptRequest({ type: 'saveForSite', change: keep }, options, ID, ORIGIN)).toBeNull();
    expect(acceptRequest({ type: 'saveForSite', change: { op: 'reset' } }, content, ID, ORIGIN)).toBeNull();
  });

  it('lets a content script change only its own page’s site, from the top frame', () => {
    expect(contentMaySave(keep, { url: content.url, frameId: 0 })).toBe(true);
    expect(contentMaySave({ ...keep, site: 'cnbc.com' }, { url: content.url, frameId: 0 })).toBe(false);
    expect(contentMaySave(keep, { url: content.url, frameId: 3 })).toBe(false);
    expect(contentMaySave(keep, {})).toBe(false);
    expect(contentMaySave({ ...keep, site: 'constructor' }, { url: 'http://constructor:8080/a', frameId: 0 })).toBe(true);
  });
});

describe('the one writer', () => {
  const root = join(import.meta.dirname, '..');
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(dir, name);
      return statSync(join(root, path)).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });
  const sources = [...files('lib'), ...files('entrypoints')].map((path) => ({
    path: relative(root, join(root, path)),
    text: readFileSync(join(root, path), 'utf8'),
  }));

  it('is the only module that writes storage.local', () => {
    const writing = /\.(setValue|removeValue|setItems|removeItems|setMeta|removeMeta)\(|storage\.local\.(set|remove|clear)\(|\bmigrations:/;
    expect(sources.filter((f) => writing.test(f.text)).map((f) => f.path)).toEqual(['lib/extension/storage/items.ts', 'lib/extension/storage/writer.ts']);
    // items.ts only declares the migration, for the writer's definitions.
    expect(readFileSync(join(root, 'lib/extension/storage/items.ts'), 'utf8')).toMatch(/\.\.\.\(writer \? \{ migrations:/);
  });

  it('runs in the background only: no other entrypoint imports it', () => {
    const importing = sources.filter((f) => /from '[./]*(lib\/extension\/storage\/|\.\.\/storage\/|\.\/)writer'/.test(f.text)).map((f) => f.path);
    expect(importing.sort()).toEqual([
      'lib/extension/background/commands.ts',
      'lib/extension/background/early-style.ts',
      'lib/extension/background/learner.ts',
      'lib/extension/background/main.ts',
    ]);
  });
});

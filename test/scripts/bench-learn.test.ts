/** bench:learn's grouping, gate and figures, on made-up pages (the corpus run is `npm run bench:learn`). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extensionCleans, learnRows, runFold, summarizeFolds, wordsVerdict, type Fold, type Outcome } from '../../scripts/bench-learn';
import { bySite, leaveOneOut, type SitePage } from '../../scripts/corpus-sites';
import { syntheticSite } from '../helpers/site';

const outcome = (over: Partial<Outcome> = {}): Outcome => ({ cleaned: true, blocks: [], ...over });
const fold = (over: Partial<Fold> = {}): Fold => ({
  site: 'a.example',
  key: 'fundus/a1.html',
  others: [],
  seen: false,
  learned: 0,
  without: outcome(),
  with: outcome(),
  byLearned: 0,
  ms: 0,
  ...over,
});

describe('bench:learn', () => {
  it('groups pages by site, www. aside, and keeps the sites with enough pages', () => {
    const pages = [
      { key: 'fundus/b1', site: 'b.example' },
      { key: 'fundus/a1', site: 'www.a.example' },
      { key: 'sites/a.example/x', site: 'a.example' },
      { key: 'fundus/c1', site: 'c.example' },
      { key: 'fundus/b2', site: 'b.example' },
    ];
    expect(bySite(pages, 2).map(([s, ps]) => [s, ps.map((p) => p.key)])).toEqual([
      ['a.example', ['fundus/a1', 'sites/a.example/x']],
      ['b.example', ['fundus/b1', 'fundus/b2']],
    ]);
    expect(bySite(pages, 3)).toEqual([]);
  });

  it('leaves each page out once, learning from all the others', () => {
    expect(leaveOneOut(['x', 'y', 'z'])).toEqual([
      { left: 'x', others: ['y', 'z'] },
      { left: 'y', others: ['x', 'z'] },
      { left: 'z', others: ['x', 'y'] },
    ]);
  });

  it('cleans as the extension does: an article, or a page of a site with rules of its own (not rules for every site)', () => {
    const own = [{ host: 'a.example', rules: [] }];
    const any = [{ host: '*', rules: [] }];
    expect(extensionCleans({ isArticle: true, host: 'www.b.example' }, own)).toBe(true);
    expect(extensionCleans({ isArticle: false, host: 'www.a.example' }, own)).toBe(true);
    expect(extensionCleans({ isArticle: false, host: 'www.b.example' }, own)).toBe(false);
    expect(extensionCleans({ isArticle: false, host: 'www.b.example' }, any)).toBe(false);
    // Learned rules do not make a page one the extension cleans (cleaner.ts, analyze.ts).
    const learned = [{ host: 'a.example', learned: true, rules: [{ kind: 'promo' as const, selector: '.x', reason: 'r' }] }];
    expect(extensionCleans({ isArticle: false, host: 'www.a.example' }, learned)).toBe(false);
  });

  it('makes a drop of article words with the learned rules plain, page by page', () => {
    const kept = fold({ without: outcome({ wordsAfter: 10, wordsBefore: 10 }), with: outcome({ wordsAfter: 10, wordsBefore: 10 }) });
    const lost = fold({
      key: 'fundus/a2.html',
      without: outcome({ wordsAfter: 10, wordsBefore: 10, lostPieces: [] }),
      with: outcome({ wordsAfter: 6, wordsBefore: 10, lostPieces: ['Four words went here.'] }),
    });
    expect(wordsVerdict(summarizeFolds('all', [kept]))).toMatch(/100\.00 % with them: not dropped/);
    const row = summarizeFolds('all', [kept, lost]);
    expect(row.dropped).toEqual([{ key: 'fundus/a2.html', words: 4, pieces: ['Four words went here.'] }]);
    expect(wordsVerdict(row)).toMatch(/\*\*DROPPED\*\*.*4 article words on 1 page[^]*fundus\/a2\.html: −4 words[^]*Four words went here\./);
  });

  it('totals the pages the learner never saw apart from those it learned from too', () => {
    const rows = learnRows([fold({ half: 'fit' }), fold({ key: 'fundus/b1.html', site: 'b.example', half: 'check', seen: true })]);
    expect(rows.map((r) => [r.name, r.pages])).toEqual([
      ['a.example (fit)', 1],
      ['b.example (check, seen)', 1],
      ['all', 2],
      ['all · fit', 1],
      ['all · check', 1],
      ['all · unseen (learned from other pages only)', 1],
      ['all · seen (learned from the page too)', 1],
    ]);
  });

  describe('one fold on a made-up site', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-learn-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const pages: SitePage[] = syntheticSite({ host: 'news.example.org', pages: 4, seed: 1 }).map((p, i) => {
      const path = join(dir, `${i}.html`);
      writeFileSync(path, p.html);
      return { key: `made-up/${i}.html`, corpus: 'fundus', site: 'news.example.org', path, url: p.url, truth: p.paragraphs };
    });

    it('learns from the other pages, hides the template with the learned rules, and keeps every article word', () => {
      const [left, ...others] = pages;
      const f = runFold('news.example.org', left, others);
      expect(f.seen).toBe(false);
      expect(f.learned).toBeGreaterThan(0);
      expect(f.byLearned).toBeGreaterThan(0);
      expect(f.with.blocks.length).toBeGreaterThanOrEqual(f.without.blocks.length);
      expect(f.with.wordsBefore).toBeGreaterThan(0);
      expect(f.with.wordsAfter).toBe(f.with.wordsBefore);
    });

    it('learns from the page too when the site has only one other page', () => {
      const f = runFold('news.example.org', pages[0], pages.slice(1, 2));
      expect(f.seen).toBe(true);
      expect(f.learnError).toBeUndefined();
      expect(f.learned).toBeGreaterThan(0);
    });
  });
});

/** The benchmark's measures, on cases small enough to count by hand. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchCorpus, formatTable, snippetCounts, wordScores } from '../../scripts/bench';
import { articlePage } from '../helpers/dom';

describe('bench measures', () => {
  it('bag-of-words precision, recall and F1 count repeated words as a multiset', () => {
    const q = wordScores('the cat the cat sat', 'The cat sat on the mat');
    // common: the×2, cat×1, sat×1 = 4; got 5 words, truth 6 words
    expect(q.p).toBeCloseTo(4 / 5);
    expect(q.r).toBeCloseTo(4 / 6);
    expect(q.f).toBeCloseTo((2 * (4 / 5) * (4 / 6)) / (4 / 5 + 4 / 6));
    expect(wordScores('', 'a b').f).toBe(0);
    expect(wordScores('Zürich 2024 naïve_x', 'zürich 2024 naïve_x').p).toBe(1);
  });

  it('snippets: a `with` found is a true positive, missing a false negative, a `without` found a false positive', () => {
    const c = snippetCounts('Hello   big\nworld. Share this', { file: 'x', with: ['Hello big world', 'absent'], without: ['Share this', 'Not here'] });
    expect(c).toEqual({ tp: 1, fn: 1, fp: 1 });
  });

  it('prints each corpus whole and in its fit and check halves of publishers (test/corpus-split.json)', () => {
    // Two pages under names the split puts in either half (their HTML is ours).
    const dir = join(mkdtempSync(join(tmpdir(), 'bench-')), 'fundus');
    mkdirSync(join(dir, 'html'), { recursive: true });
    const fit = 'ca_CBCNews_2024_08_08.html';
    const check = 'ca_GlobalNews_2026_05_24.html';
    writeFileSync(join(dir, 'html', fit), articlePage(''));
    writeFileSync(join(dir, 'html', check), '<html><body><p>Not an article.</p></body></html>');
    const truth = [
      'Paragraph 1 about the council: the members met on Tuesday evening and argued for hours about the budget, the roads and the new library before voting late at night.',
    ];
    writeFileSync(
      join(dir, 'pages.json'),
      JSON.stringify([
        { file: fit, body: truth },
        { file: check, body: truth },
      ]),
    );
    const r = benchCorpus(dir, () => {}, 1);
    expect(r.pages).toBe(2);
    expect(r.halves!.fit).toMatchObject({ name: 'fundus · fit', pages: 1, recognized: 1 });
    expect(r.halves!.check).toMatchObject({ name: 'fundus · check', pages: 1, recognized: 0 });
    expect(r.halves!.fit.engine.r).toBe(1);
    expect(r.halves!.check.engine.r).toBe(0);
    const table = formatTable([r]);
    expect(table).toMatch(/\| fundus · fit \| 1 \|/);
    expect(table).toMatch(/\| fundus · check \| 1 \|/);
  });
});

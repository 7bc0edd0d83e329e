/** bench:coverage's figures, on pages small enough to count by hand (the browser part runs in `npm run bench:coverage`). */
import { describe, expect, it } from 'vitest';
import {
  coverageBody,
  coverageRows,
  formatCoverage,
  formatPages,
  piecesShown,
  shownWithout,
  summarizeCoverage,
  visibleWords,
  wordsOf,
  type PageCoverage,
} from '../../scripts/bench-coverage';
import { allSections, getSection, putSection } from '../../scripts/docs-section';

const page = (over: Partial<PageCoverage>): PageCoverage => ({ corpus: 'fundus', key: 'fundus/a.html', article: true, status: 'cleaned', blocks: [], ...over });

describe('bench:coverage', () => {
  it('article words visible: the pieces shown with the blocks hidden against as served, and the pieces lost', () => {
    const truth = ['The cat sat on the mat.', 'It was a sunny day.'];
    expect(visibleWords('The cat sat on the mat. It was a sunny day.', 'The cat sat on the mat.', truth, [])).toMatchObject({
      wordsAfter: 6,
      wordsBefore: 11,
      lostPieces: ['It was a sunny day.'],
    });
  });

  it('counts the words of the pieces of the article a page shows, white space and case (a heading set in capitals) aside', () => {
    const truth = ['The cat sat on the mat.', 'It was  a sunny day.', 'Not on the page.'];
    const shown = piecesShown('Share this\nTHE CAT SAT\non the mat. It was a sunny day.', truth);
    expect([...shown]).toEqual([0, 1]);
    expect(wordsOf(truth, shown)).toBe(11);
  });

  it("keeps a piece of ground truth that holds a block we hid, when it shows without the block's text", () => {
    const piece = 'He talks him down. Editor’s picks: Every awful thing of the week In business, unity leads to better decisions.';
    const after = 'He talks him down.\nIn business, unity leads to better decisions.';
    expect(shownWithout(after, piece, [{ text: 'Editor’s picks:\nEvery awful thing of the week' }])).toBe(true);
    expect(shownWithout(after, piece, [{ text: 'Something else entirely here' }])).toBe(false);
    expect(shownWithout('He talks him down.', piece, [{ text: 'Editor’s picks:\nEvery awful thing of the week' }])).toBe(false);
  });

  it('sums words after and before, lists the pages that lost any, worst first, and counts blocks per cleaned page by kind', () => {
    const row = summarizeCoverage('fundus', [
      page({ key: 'fundus/a.html', wordsAfter: 98, wordsBefore: 100, blocks: [{ kind: 'ad', reason: 'ad slot', text: '', rule: 'detector:ad' }] }),
      page({
        key: 'fundus/b.html',
        wordsAfter: 50,
        wordsBefore: 50,
        blocks: [{ kind: 'share', reason: 'share buttons', text: 'Share', rule: 'detector:share' }],
      }),
      page({ key: 'fundus/c.html', wordsAfter: 9, wordsBefore: 10 }),
      page({ key: 'nonarticle/d.html', article: false, status: 'not-article' }),
    ]);
    expect(row).toMatchObject({ pages: 4, articles: 3, recognized: 3, others: 1, leftAlone: 1, wordsAfter: 157, wordsBefore: 160, cleaned: 3 });
    expect(row.losing.map((l) => l.key)).toEqual(['fundus/c.html', 'fundus/a.html']);
    expect(row.losing[0].lost).toBeCloseTo(0.1);
    expect(row.perPage.ad).toBeCloseTo(1 / 3);
    expect(row.perPage.share).toBeCloseTo(1 / 3);
  });

  it('reports each corpus whole and by half, and every page with its blocks', () => {
    const pages = [page({ half: 'fit', wordsAfter: 10, wordsBefore: 10 }), page({ key: 'fundus/b.html', half: 'check', wordsAfter: 5, wordsBefore: 10 })];
    const rows = coverageRows(pages);
    expect(rows.map((r) => r.name)).toEqual(['fundus', 'fundus · fit', 'fundus · check', 'all']);
    const table = formatCoverage(rows);
    expect(table).toContain('| fundus · check | 1 |');
    expect(table).toContain('5 / 10 = 50.00 %');
    const list = formatPages([
      page({ lostPieces: ['A paragraph'], blocks: [{ kind: 'newsletter', reason: 'sign-up box', text: 'Sign up\nnow', rule: 'detector:newsletter' }] }),
    ]);
    expect(list).toContain('- **newsletter** — sign-up box — “Sign up now”');
    expect(list).toContain('- article text hidden: “A paragraph”');
  });

  it('puts its table in a section of docs/benchmarks.md of its own, replaced on the next run and kept by bench:docs', () => {
    const rows = coverageRows([page({ half: 'check', wordsAfter: 10, wordsBefore: 10 })]);
    const once = putSection('# Benchmarks\n\nThe Node run.\n', 'coverage', coverageBody(rows, 'First run.'));
    expect(once).toMatch(/^# Benchmarks\n\nThe Node run\.\n\n<!-- bench:coverage -->\n## Coverage in the browser\n\nFirst run\./);
    const twice = putSection(putSection(once, 'halves', 'Halves.'), 'coverage', coverageBody(rows, 'Second run.'));
    expect(twice).not.toContain('First run.');
    expect(twice.match(/<!-- bench:coverage -->/g)).toHaveLength(1);
    expect(getSection(twice, 'coverage')).toContain('Second run.');
    expect(allSections(twice).map((x) => x.split('\n')[0])).toEqual(['<!-- bench:coverage -->', '<!-- bench:halves -->']);
    expect(getSection('# Benchmarks\n', 'coverage')).toBe('');
  });
});

/** The benchmark's measures, on cases small enough to count by hand. */
import { describe, expect, it } from 'vitest';
import { snippetCounts, wordScores } from '../../scripts/bench';

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
});

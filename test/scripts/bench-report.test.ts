/** docs/benchmarks.md and .svg from a results object; the browser bench's summary of page timings. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { CorpusResult } from '../../scripts/bench';
import {
  attributeTasks,
  clsOf,
  formatShiftTable,
  learnedOf,
  shiftStats,
  shiftVerdict,
  summarize,
  type PageTiming,
  type RevisitResult,
} from '../../scripts/bench-browser';
import { MAX_LISTED, niceMax, renderMarkdown, renderSvg, type DocsInput } from '../../scripts/bench-report';

function timing(file: string, ms: number, readabilityMs: number, longestTask: number, status = 'cleaned', shift = 0): PageTiming {
  return {
    corpus: 'fundus',
    file,
    url: `http://example.com/${file}`,
    status,
    hidden: 2,
    ms,
    engineMs: ms * 0.9,
    latencyMs: ms * 2,
    runs: { sent: 1, remote: 1, local: 0, mismatched: 0 },
    spans: [{ name: 'dom-ready', start: 100, ms }],
    longestSpan: Math.min(ms, longestTask),
    longestTask,
    ownInLongest: Math.min(ms, longestTask),
    pushedOver: longestTask > 100 && longestTask - ms <= 100 ? longestTask : 0,
    longestPageTask: longestTask,
    readabilityMs,
    elements: 1000,
    cls: shift,
    shift,
  };
}

const node = (name: string, f: number, rf: number, ms: number, rms: number): CorpusResult => ({
  name,
  pages: 42,
  measure: name === 'fundus' ? 'words' : 'snippets',
  engine: { p: f, r: f, f },
  readability: { p: rf, r: rf, f: rf },
  engineMs: { median: ms, p95: ms * 3 },
  readabilityMs: { median: rms, p95: rms * 3 },
  ratio: ms / rms,
  failures: [],
});

function input(): DocsInput {
  const pages = [timing('a.html', 20, 10, 30), timing('b.html', 40, 20, 150), timing('c<&>.html', 30, 15, 60, 'not-article')];
  const fundus = summarize('fundus', pages);
  return {
    date: '2026-01-02T03:04:05.000Z',
    machine: { cpus: 2, cpuModel: 'Test CPU', os: 'Linux 6', node: '20.20.2', chromium: 'Chromium 156.0' },
    command: 'npm run bench:docs',
    node: [node('fundus', 0.931, 0.89, 29.2, 23.3), node('trafilatura', 0.902, 0.884, 21.4, 16.6)],
    browser: { corpora: [fundus], all: summarize('all', pages) },
  };
}

describe('summarize (browser bench)', () => {
  it('gives medians, p95, the ratio of medians, the longest task and the pages over 100 ms', () => {
    const s = input().browser.corpora[0];
    expect(s.pages).toBe(3);
    expect(s.cleaned).toBe(2);
    expect(s.notArticle).toBe(1);
    expect(s.contentScript).toEqual({ median: 30, p95: 40 });
    expect(s.engine).toEqual({ median: 27, p95: 36 });
    expect(s.readability).toEqual({ median: 15, p95: 20 });
    expect(s.ratio).toBe(2);
    expect(s.maxLongTask).toBe(150);
    expect(s.maxLongTaskPage).toBe('fundus/b.html');
    expect(s.over.map((o) => o.file)).toEqual(['fundus/b.html']);
  });

  it('leaves pages that could not be measured out of the figures and lists them', () => {
    const bad = { ...timing('x.html', 0, 0, 0), error: 'timeout' };
    const s = summarize('fundus', [timing('a.html', 20, 10, 30), bad]);
    expect(s.pages).toBe(1);
    expect(s.errors).toEqual(['fundus/x.html: timeout']);
  });
});

describe('renderMarkdown', () => {
  it('has the date, the machine, the command, the chart and both tables', () => {
    const md = renderMarkdown(input());
    expect(md).toContain('`npm run bench:docs`');
    expect(md).toContain('2026-01-02');
    expect(md).toContain('2 × Test CPU');
    expect(md).toContain('Chromium 156.0');
    expect(md).toContain('](benchmarks.svg)');
    expect(md).toContain('| fundus | 42 | words | 0.931 |');
    expect(md).toContain(
      '| fundus | 3 | 2 / 1 | 2/3 = 66.7% / – | 30.0 / 40.0 | 15.0 / 20.0 | 2.00× | 150.0 (40.0; fundus/b.html) | 1 | 0 | 27.0 / 36.0 | 80.0 / 80.0 | 3 / 0 / 0 |',
    );
    expect(md).toMatch(/- `fundus\/b\.html`: 150\.0 ms/);
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n{3}/);
  });

  it(`names at most ${MAX_LISTED} pages over the long-task limit`, () => {
    const pages = Array.from({ length: MAX_LISTED + 5 }, (_, i) => timing(`p${i}.html`, 120, 40, 200 + i));
    const d = input();
    d.browser.all = summarize('all', pages);
    const md = renderMarkdown(d);
    expect(md.match(/^- `fundus\/p\d+\.html`/gm)).toHaveLength(MAX_LISTED);
    expect(md).toContain('`fundus/p24.html`: 224.0 ms');
    expect(md).toContain('… and 5 more');
  });
});

describe('layout shift (browser bench)', () => {
  it('counts CLS as Chrome does: the largest session window, shifts after input left out', () => {
    expect(clsOf([])).toBe(0);
    // One window: 0.1 + 0.05; a gap of 1 s or more starts another (0.12); input-driven shifts do not count.
    expect(
      clsOf([
        { start: 100, value: 0.1 },
        { start: 600, value: 0.05 },
        { start: 1700, value: 0.12 },
        { start: 1800, value: 0.5, input: true },
      ]),
    ).toBeCloseTo(0.15);
    // A window lasts at most 5 s even when its shifts come every 0.9 s.
    const steady = Array.from({ length: 10 }, (_, i) => ({ start: i * 900, value: 0.01 }));
    expect(clsOf(steady)).toBeCloseTo(0.06);
  });

  it('gives the mean, p95 and largest shift over the pages measured, and the pages with any', () => {
    const pages = [timing('a.html', 20, 10, 30, 'cleaned', 0), timing('b.html', 40, 20, 50, 'cleaned', 0.2), timing('c.html', 30, 15, 60, 'cleaned', 0.1)];
    const s = summarize('fundus', [...pages, { ...timing('x.html', 0, 0, 0, 'cleaned', 9), error: 'timeout' }]);
    expect(s.shift.pages).toBe(3);
    expect(s.shift.mean).toBeCloseTo(0.1);
    expect(s.shift.p95).toBeCloseTo(0.2);
    expect(s.shift.max).toBeCloseTo(0.2);
    expect(s.shift.maxPage).toBe('fundus/b.html');
    expect(s.shift.shifted).toBe(2);
    expect(shiftStats([])).toEqual({ pages: 0, mean: 0, p95: 0, max: 0, maxPage: '', shifted: 0 });
  });

  it('reads what the extension learned of a site from local:learnPages and local:learnedRules, rules switched off left out, and null where there is none', () => {
    expect(learnedOf({}, 'a.example')).toBeNull();
    expect(learnedOf({ learnPages: {} }, 'a.example')).toEqual({ pages: 0, rules: 0 });
    const stored = {
      learnPages: { 'a.example': { used: 1, pages: [{}, {}, {}] } },
      learnedRules: { 'a.example': { pages: 3, at: 1, rules: [{ selector: '.x' }, { selector: '.y', off: 'user' }, { selector: '.z' }] } },
    };
    expect(learnedOf(stored, 'a.example')).toEqual({ pages: 3, rules: 2 });
    expect(learnedOf({ learnPages: { 'a.example': { pages: 'bad' } }, learnedRules: { 'a.example': { rules: null } } }, 'a.example')).toEqual({
      pages: 0,
      rules: 0,
    });
  });

  const revisits = (revisitShift: number, learning: boolean): RevisitResult => {
    const page = {
      key: 'sites/a.example/1.html',
      site: 'a.example',
      read: ['fundus/a.html', 'sites/a.example/2.html'],
      learnedRules: learning ? 4 : null,
      first: { cls: 0.05, clsBase: 0, shift: 0.05 },
      revisit: { cls: revisitShift, shift: revisitShift },
    };
    return { pages: [page], first: shiftStats([{ key: page.key, shift: 0.05 }]), revisit: shiftStats([{ key: page.key, shift: revisitShift }]), learning };
  };

  it('prints first visits per corpus and the revisit set first and again, with the rules learned by then', () => {
    const d = input();
    const table = formatShiftTable({ ...d.browser, revisits: revisits(0, true) });
    expect(table).toContain('| fundus | first (fresh profile) | 3 | 0.0000 / 0.0000 | 0.0000 | 0 |');
    expect(table).toContain('| revisit set (a.example) | first (fresh profile) | 1 | 0.0500 / 0.0500 | 0.0500 (sites/a.example/1.html) | 1 |');
    expect(table).toMatch(
      /\| revisit set \(a\.example\) \| again, after up to 3 other pages of the site \(4\.0 learned rules at the visit, mean\) \| 1 \| 0\.0000 \/ 0\.0000 \|/,
    );
    expect(shiftVerdict(revisits(0, true))).toBe('Layout shift on revisits: target 0 — met.');
  });

  it('says plainly when revisits shift, and when the build learns nothing while browsing', () => {
    const v = shiftVerdict(revisits(0.03, false));
    expect(v).toContain('**NOT met** (1 of 1 pages shift; largest 0.0300 on sites/a.example/1.html)');
    expect(v).toContain('stores nothing it learns while browsing');
    expect(formatShiftTable({ ...input().browser, revisits: revisits(0.03, false) })).toContain('nothing learned: this build stores nothing while browsing');
  });

  it('goes into docs/benchmarks.md, and results saved before it was measured still render', () => {
    const d = input();
    d.browser.revisits = revisits(0, true);
    const md = renderMarkdown(d);
    expect(md).toContain('### Layout shift');
    expect(md).toContain('| revisit set (a.example) | first (fresh profile) |');
    expect(md).toContain('Layout shift on revisits: target 0 — met.');
    const old = input();
    for (const c of [...old.browser.corpora, old.browser.all]) delete (c as Partial<typeof c>).shift;
    expect(renderMarkdown(old)).not.toContain('Layout shift');
  });
});

describe('renderSvg', () => {
  it('is well-formed SVG with a bar and a value label for each side of each group', () => {
    const svg = renderSvg(input());
    const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
    const root = document.querySelector('svg')!;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    // F1: 2 corpora; time: fundus Node + fundus Chromium + trafilatura Node = 3 groups; 2 bars each.
    expect(document.querySelectorAll('rect.engine').length).toBe(1 + 5);
    expect(document.querySelectorAll('rect.readability').length).toBe(1 + 5);
    const values = Array.from(document.querySelectorAll('text.value')).map((t) => t.textContent);
    expect(values).toEqual(expect.arrayContaining(['0.931', '0.890', '0.902', '0.884', '29.2', '23.3', '30.0', '15.0']));
    expect(svg).toContain('prefers-color-scheme: dark');
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('escapes text', () => {
    const d = input();
    d.machine.chromium = 'Chromium <156> & co';
    const svg = renderSvg(d);
    expect(svg).toContain('Chromium &lt;156&gt; &amp; co');
  });

  it('scales bars to a round axis maximum', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(29.2)).toBe(50);
    expect(niceMax(150)).toBe(200);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(0.7)).toBe(1);
  });
});

describe('attributeTasks', () => {
  const span = (name: string, start: number, ms: number) => ({ name, start, ms });
  it('counts a long task against the script only where its own work took it over the limit', () => {
    // The parser's 200 ms task that the document_start span (1 ms) sits in: long without the script.
    expect(attributeTasks([span('start', 100, 1)], [{ start: 90, ms: 200 }])).toEqual({ longestTask: 200, ownInLongest: 1, pushedOver: 0 });
    // A 130 ms task of which 40 ms are the script's: without it, 90 ms.
    expect(attributeTasks([span('dom-ready', 500, 40)], [{ start: 480, ms: 130 }])).toEqual({ longestTask: 130, ownInLongest: 40, pushedOver: 130 });
    // No long task observed: the longest span is the task; over the limit it is the script's.
    expect(attributeTasks([span('answer', 10, 120)], [])).toEqual({ longestTask: 120, ownInLongest: 120, pushedOver: 120 });
    // Tasks the script has no part in do not count.
    expect(attributeTasks([span('start', 0, 2)], [{ start: 50, ms: 300 }])).toEqual({ longestTask: 2, ownInLongest: 2, pushedOver: 0 });
  });
});

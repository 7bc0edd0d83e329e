/**
 * bench: article-text quality and engine time, against Readability alone on the same pages in the
 * same run.
 *
 *   npm run bench -- [--repeat N] [--json] [--docs] DIR...   (corpora in the ../shared/corpus format: pages.json + html/)
 *
 * `--docs` also puts the quality of each half in docs/benchmarks.md, in a section bench:docs keeps.
 *
 * Quality (see ../shared/corpus/README.md):
 *   - pages with `body` (fundus): bag-of-words precision / recall / F1 per page, averaged;
 *   - pages with `with` / `without` snippets (trafilatura): pooled P / R / F over all snippets.
 * Gated: what the user gets. A page the engine does not take for an article (report.isArticle) is
 * left as served, so its text there is the page's visible text; `recognized` is the share of pages
 * taken for articles (every corpus page is one).
 * Time: per page, the engine (`analyze`, parsing excluded) and Readability alone (on a clone of the
 * same document, as it must run on a live page), each the fastest of N interleaved runs (default 3);
 * median, p95 and the ratio of medians.
 * Halves: each corpus is printed whole and in its two halves of publishers (test/corpus-split.json):
 * "fit", the pages rules and thresholds are tuned on, and "check", the pages the README reports.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Readability } from '@mozilla/readability';
import { analyze, blockText } from '../lib/engine/index';
import { sites } from '../lib/rules/index';
import { collapse } from '../lib/engine/page/dom';
import { decodeHtml, parseDocument } from './page';
import { writeSection } from './docs-section';

interface Page {
  file: string;
  url?: string;
  body?: string[];
  with?: string[];
  without?: string[];
}

export interface Quality {
  p: number;
  r: number;
  f: number;
}

const WORD = /[\p{L}\p{N}_]+/gu;

function bag(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.toLowerCase().match(WORD) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Bag-of-words precision / recall / F1 of `got` against `truth`. */
export function wordScores(got: string, truth: string): Quality {
  const g = bag(got);
  const t = bag(truth);
  let common = 0;
  let gn = 0;
  let tn = 0;
  for (const [w, n] of g) {
    gn += n;
    common += Math.min(n, t.get(w) ?? 0);
  }
  for (const n of t.values()) tn += n;
  const p = gn ? common / gn : 0;
  const r = tn ? common / tn : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

export interface SnippetCounts {
  tp: number;
  fp: number;
  fn: number;
}

export function snippetCounts(got: string, page: Page): SnippetCounts {
  const text = collapse(got);
  const c = { tp: 0, fp: 0, fn: 0 };
  for (const s of page.with ?? []) {
    if (text.includes(collapse(s))) c.tp++;
    else c.fn++;
  }
  for (const s of page.without ?? []) if (text.includes(collapse(s))) c.fp++;
  return c;
}

function pooled(c: SnippetCounts): Quality {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f: c.tp ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0 };
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function readabilityAlone(doc: Document): { text: string; ms: number } {
  const t = performance.now();
  const parsed = new Readability(doc.cloneNode(true) as Document).parse();
  return { text: parsed?.textContent ?? '', ms: performance.now() - t };
}

/** The half of the publishers a page is in (test/corpus-split.json), by `<corpus>/<file>`. */
export function halfOf(): (key: string) => 'fit' | 'check' | undefined {
  const split = JSON.parse(readFileSync(resolve(import.meta.dirname, '../test/corpus-split.json'), 'utf8')) as { fit: string[]; check: string[] };
  const fit = new Set(split.fit);
  const check = new Set(split.check);
  return (key) => (fit.has(key) ? 'fit' : check.has(key) ? 'check' : undefined);
}

/** One page's figures, summed or averaged into a corpus' (or a half's) result. */
interface PageResult {
  half?: 'fit' | 'check';
  ms: number;
  readabilityMs: number;
  recognized: boolean;
  engine: Quality | SnippetCounts;
  readability: Quality | SnippetCounts;
  gated: Quality | SnippetCounts;
}

export interface CorpusResult {
  name: string;
  pages: number;
  measure: 'words' | 'snippets';
  engine: Quality;
  readability: Quality;
  engineMs: { median: number; p95: number };
  readabilityMs: { median: number; p95: number };
  ratio: number;
  /** Pages the engine took for articles. */
  recognized?: number;
  /** The engine's quality on what the user gets: the page as served where it saw no article. */
  gated?: Quality;
  failures: string[];
  /** The same figures over each half of the publishers. */
  halves?: { fit: CorpusResult; check: CorpusResult };
}

export function benchCorpus(dir: string, log: (s: string) => void = () => {}, repeat = 3): CorpusResult {
  const pages = JSON.parse(readFileSync(join(dir, 'pages.json'), 'utf8')) as Page[];
  const measure = pages.some((p) => p.body) ? 'words' : 'snippets';
  const name = basename(dir.replace(/\/+$/, ''));
  const half = halfOf();
  const results: PageResult[] = [];
  const failures: string[] = [];

  // Warm the JIT on a few pages so the first pages are not timed cold.
  for (const page of pages.slice(0, 3)) {
    try {
      const doc = parseDocument(decodeHtml(readFileSync(join(dir, 'html', page.file))));
      readabilityAlone(doc);
      analyze(doc, { url: page.url, sites });
    } catch {
      /* reported below */
    }
  }

  pages.forEach((page, i) => {
    let doc: Document;
    try {
      doc = parseDocument(decodeHtml(readFileSync(join(dir, 'html', page.file))));
    } catch (e) {
      failures.push(`${page.file}: ${(e as Error).message}`);
      return;
    }
    // Each side runs `repeat` times, interleaved and in alternating order, and keeps its fastest
    // time: the estimate least disturbed by garbage collection and the other side's leftovers.
    let r = { text: '', ms: Infinity };
    let etext = '';
    let ms = Infinity;
    const runEngine = () => {
      const { report } = analyze(doc, { url: page.url, sites });
      etext = report.text;
      ms = Math.min(ms, report.timings.total);
      return report;
    };
    const runReadability = () => {
      const x = readabilityAlone(doc);
      r = { text: x.text, ms: Math.min(r.ms, x.ms) };
    };
    for (let k = 0; k < repeat; k++) {
      if ((i + k) % 2) {
        runEngine();
        runReadability();
      } else {
        runReadability();
        runEngine();
      }
    }
    const last = runEngine();
    if (last.errors.length) failures.push(`${page.file}: ${last.errors.map((e) => `${e.source}: ${e.message}`).join('; ')}`);
    const gtext = last.isArticle ? etext : blockText(doc.body, { visibleOnly: true });
    const truth = (page.body ?? []).join('\n');
    const score = (text: string) => (measure === 'words' ? wordScores(text, truth) : snippetCounts(text, page));
    results.push({
      half: half(`${name}/${page.file}`),
      ms,
      readabilityMs: r.ms,
      recognized: last.isArticle,
      engine: score(etext),
      readability: score(r.text),
      gated: score(gtext),
    });
    if ((i + 1) % 100 === 0) log(`  ${basename(dir)}: ${i + 1}/${pages.length}`);
  });

  const whole = aggregate(name, measure, results, failures);
  whole.halves = {
    fit: aggregate(
      `${name} · fit`,
      measure,
      results.filter((r) => r.half === 'fit'),
      [],
    ),
    check: aggregate(
      `${name} · check`,
      measure,
      results.filter((r) => r.half === 'check'),
      [],
    ),
  };
  return whole;
}

/** A corpus' figures from its pages': words averaged per page, snippets pooled. */
function aggregate(name: string, measure: 'words' | 'snippets', results: PageResult[], failures: string[]): CorpusResult {
  const mean = (qs: Quality[]): Quality => ({
    p: qs.reduce((s, q) => s + q.p, 0) / (qs.length || 1),
    r: qs.reduce((s, q) => s + q.r, 0) / (qs.length || 1),
    f: qs.reduce((s, q) => s + q.f, 0) / (qs.length || 1),
  });
  const sum = (cs: SnippetCounts[]): SnippetCounts => cs.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const quality = (pick: (r: PageResult) => Quality | SnippetCounts): Quality =>
    measure === 'words' ? mean(results.map(pick) as Quality[]) : pooled(sum(results.map(pick) as SnippetCounts[]));
  const ems = results.map((r) => r.ms);
  const rms = results.map((r) => r.readabilityMs);
  const engineMs = { median: quantile(ems, 0.5), p95: quantile(ems, 0.95) };
  const readabilityMs = { median: quantile(rms, 0.5), p95: quantile(rms, 0.95) };
  return {
    name,
    pages: results.length,
    measure,
    engine: quality((r) => r.engine),
    readability: quality((r) => r.readability),
    engineMs,
    readabilityMs,
    ratio: readabilityMs.median ? engineMs.median / readabilityMs.median : 0,
    recognized: results.filter((r) => r.recognized).length,
    gated: quality((r) => r.gated),
    failures,
  };
}

/** Quality only, each corpus and its halves: engine and Readability P / R / F, recognized, gated F. */
export function formatQuality(corpora: CorpusResult[]): string {
  const f3 = (n: number) => n.toFixed(3);
  return [
    '| corpus | pages | engine P | engine R | engine F | Readability P | Readability R | Readability F | recognized as articles | gated F |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...withHalves(corpora).map(
      (r) =>
        `| ${r.name} | ${r.pages} | ${f3(r.engine.p)} | ${f3(r.engine.r)} | ${f3(r.engine.f)} | ${f3(r.readability.p)} | ${f3(r.readability.r)} | ${f3(r.readability.f)} | ${r.recognized}/${r.pages} = ${((100 * (r.recognized ?? 0)) / (r.pages || 1)).toFixed(1)}% | ${r.gated ? f3(r.gated.f) : '–'} |`,
    ),
  ].join('\n');
}

/** Each corpus, then its fit and check halves. */
export function withHalves(results: CorpusResult[]): CorpusResult[] {
  return results.flatMap((r) => (r.halves ? [r, r.halves.fit, r.halves.check] : [r]));
}

export function formatTable(corpora: CorpusResult[]): string {
  const results = withHalves(corpora);
  const f3 = (n: number) => n.toFixed(3);
  const f1 = (n: number) => n.toFixed(1);
  const rows = [
    '| corpus | pages | measure | engine P | engine R | engine F | Readability P | Readability R | Readability F | engine ms median / p95 | Readability ms median / p95 | time ratio (medians) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.pages} | ${r.measure} | ${f3(r.engine.p)} | ${f3(r.engine.r)} | ${f3(r.engine.f)} | ${f3(r.readability.p)} | ${f3(r.readability.r)} | ${f3(r.readability.f)} | ${f1(r.engineMs.median)} / ${f1(r.engineMs.p95)} | ${f1(r.readabilityMs.median)} / ${f1(r.readabilityMs.p95)} | ${r.ratio.toFixed(2)}× |`,
    ),
  ];
  const gated = results.filter((r) => r.gated && r.recognized !== undefined);
  if (gated.length) {
    rows.push(
      '',
      'What the user gets (a page not taken for an article is left as served: its text is the whole page):',
      '',
      '| corpus | recognized as articles | gated P | gated R | gated F |',
      '|---|---|---|---|---|',
      ...gated.map(
        (r) =>
          `| ${r.name} | ${r.recognized}/${r.pages} = ${((100 * r.recognized!) / (r.pages || 1)).toFixed(1)}% | ${f3(r.gated!.p)} | ${f3(r.gated!.r)} | ${f3(r.gated!.f)} |`,
      ),
    );
  }
  return rows.join('\n');
}

function main(argv: string[]): number {
  let repeat = 3;
  let json = false;
  let docs = false;
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--repeat') repeat = Math.max(1, Number(argv[++i]) || 1);
    else if (argv[i] === '--json') json = true;
    else if (argv[i] === '--docs') docs = true;
    else dirs.push(argv[i]);
  }
  if (dirs.length === 0) {
    process.stderr.write('usage: npm run bench -- DIR...   (e.g. ../shared/corpus/fundus ../shared/corpus/trafilatura)\n');
    return 2;
  }
  const results: CorpusResult[] = [];
  for (const dir of dirs) {
    try {
      results.push(benchCorpus(dir, (s) => process.stderr.write(`${s}\n`), repeat));
    } catch (e) {
      process.stderr.write(`${dir}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  process.stdout.write(json ? `${JSON.stringify(results, null, 2)}\n` : `${formatTable(results)}\n`);
  if (docs) {
    const about = `Article-text quality of each corpus and of its two halves of publishers (test/corpus-split.json: thresholds are tuned on "fit"; "check" is what the README quotes), from \`npm run bench -- ${argv.join(' ')}\` on ${new Date().toISOString().slice(0, 10)}. Times: the table above.`;
    writeSection(
      resolve(import.meta.dirname, '../docs/benchmarks.md'),
      'halves',
      `## Quality by half of the publishers\n\n${about}\n\n${formatQuality(results)}`,
    );
  }
  for (const r of results) for (const f of r.failures) process.stderr.write(`${r.name}: ${f}\n`);
  return 0;
}

if (process.argv[1] && /bench\.ts$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));

/**
 * bench:coverage — what a reader sees, in Chromium with the built extension, on every page of the
 * shared corpus (fundus, trafilatura, sites, nonarticle), loaded as bench:browser loads them.
 *
 *   npm run bench:coverage -- [--limit N] [--json] [--pages FILE] [--corpus DIR] [--docs]
 *
 * (`npm run bench:coverage` builds the extension first; `tsx scripts/bench-coverage.ts` uses the
 * build in .output/chrome-mv3, or EXTENSION_DIR.) `--limit N` takes the first N pages of each
 * corpus. Per corpus and per half of the publishers (test/corpus-split.json), it prints:
 *   - recognized: article pages cleaned as articles, other pages left alone;
 *   - blocks hidden per page, by kind (the popup's list: the tab's state in the background);
 *   - article words visible after cleaning against before: the corpus' ground truth is a list of
 *     pieces of the article (fundus: its paragraphs; trafilatura: the snippets it must keep). A
 *     piece is visible when the page's text (`innerText` of the body, white space collapsed) holds
 *     it. The words of the pieces visible with our blocks hidden, against the same page with them
 *     shown (the popup's "Show", in the same load); pieces the page does not show even then (text
 *     a script would add) are left out. Target: ≥ 99.5 % on every corpus, no page losing more than
 *     2 %. The sites corpus has no ground truth: no figure;
 *   - the pages that lost any article word, with how much.
 * It writes every page's hidden blocks (kind, reason, text) to test-results/coverage.md (or
 * --pages FILE), so a reviewer can read what went. `--docs` also puts the table in
 * docs/benchmarks.md, in a section of its own that bench:docs keeps.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Worker } from 'playwright-core';
import {
  EXTENSION,
  corpusServer,
  evaluate,
  hostFor,
  launchExtension,
  loadSettled,
  servedPath,
  type CorpusPage as ServedPage,
  type Launched,
} from './bench-browser';
import { halfOf, snippetCounts } from './bench';
import type { Block, Kind } from '../lib/engine/types';
import { HIDDEN_ATTR, SHOW_ATTR } from '../lib/engine/apply/hide';
import { writeSection } from './docs-section';

const ROOT = join(import.meta.dirname, '..');
/** Article words visible after cleaning, against before: the target, per corpus. */
export const MIN_VISIBLE_SHARE = 0.995;
/** No page loses more than this share of its article words. */
export const MAX_PAGE_LOSS = 0.02;
const KINDS: Kind[] = ['newsletter', 'related', 'duplicate', 'ad', 'share'];

interface Page {
  corpus: string;
  key: string;
  half?: 'fit' | 'check';
  path: string;
  url?: string;
  /** The page is an article (nonarticle/: its kind says so). */
  article: boolean;
  /** Ground truth: pieces of the article (fundus `body` paragraphs, trafilatura `with` snippets), or none. */
  truth?: string[];
  /** trafilatura: snippets that must not be in the article. */
  without?: string[];
}

export interface PageCoverage {
  corpus: string;
  key: string;
  half?: 'fit' | 'check';
  article: boolean;
  status: string;
  /** Blocks hidden, as the popup lists them. */
  blocks: Pick<Block, 'kind' | 'reason' | 'text' | 'rule'>[];
  /** Ground-truth words the page shows with our blocks hidden / shown (undefined: no ground truth). */
  wordsAfter?: number;
  wordsBefore?: number;
  /** The pieces of the article shown before and not after. */
  lostPieces?: string[];
  /** Pieces of the ground truth that hold a block we hid, shown without it (not counted as lost). */
  truthHoldsBlock?: string[];
  /** trafilatura: `without` snippets the page shows, hidden / shown (clutter the reader still sees). */
  clutterAfter?: number;
  clutterBefore?: number;
  error?: string;
}

const WORD = /[\p{L}\p{N}_]+/gu;
// Case aside: `innerText` shows text as the page's CSS sets it (`text-transform: uppercase` on a heading).
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
/** The pieces of the truth the text shows (white space collapsed and case aside on both sides). */
export function piecesShown(text: string, truth: readonly string[]): Set<number> {
  const shown = new Set<number>();
  const t = collapse(text);
  truth.forEach((piece, i) => {
    const p = collapse(piece);
    if (p && t.includes(p)) shown.add(i);
  });
  return shown;
}
/** The piece shows in the text once the text of the blocks inside it is taken out of it. */
export function shownWithout(text: string, piece: string, blocks: readonly { text: string }[]): boolean {
  let p = collapse(piece);
  for (const b of blocks) {
    const t = collapse(b.text);
    if (t.length >= 20 && p.includes(t)) p = collapse(p.replace(t, ' '));
  }
  return p !== collapse(piece) && p.split(' ').length > 0 && collapse(text).includes(p);
}

/** Words of the pieces in `which`. */
export function wordsOf(truth: readonly string[], which: Iterable<number>): number {
  let n = 0;
  for (const i of which) n += truth[i].match(WORD)?.length ?? 0;
  return n;
}

/**
 * Article words visible: the words of the pieces of the ground truth the page's text shows with
 * our blocks hidden (`after`) against with them shown (`before`), and the pieces lost.
 */
export function visibleWords(
  before: string,
  after: string,
  truth: readonly string[],
  blocks: readonly { text: string }[],
): Required<Pick<PageCoverage, 'wordsAfter' | 'wordsBefore' | 'lostPieces' | 'truthHoldsBlock'>> {
  // Pieces shown after but not before (the hiding cannot add text) are counted as before's.
  const was = piecesShown(before, truth);
  const shown = piecesShown(after, truth);
  // A piece of ground truth that holds a block we hid (fundus sometimes took an "Editor's picks" box
  // inside a paragraph for text) is kept when it shows without that block's text.
  const held = new Set([...was].filter((i) => !shown.has(i) && shownWithout(after, truth[i], blocks)));
  const is = [...was].filter((i) => shown.has(i) || held.has(i));
  return {
    wordsAfter: wordsOf(truth, is),
    wordsBefore: wordsOf(truth, was),
    lostPieces: [...was].filter((i) => !is.includes(i)).map((i) => truth[i].slice(0, 200)),
    truthHoldsBlock: [...held].map((i) => truth[i].slice(0, 200)),
  };
}

function corpusPages(root: string, limit?: number): Page[] {
  const half = halfOf();
  const out: Page[] = [];
  const listed = (corpus: string) => {
    const file = join(root, corpus, 'pages.json');
    if (!existsSync(file)) return;
    let list = JSON.parse(readFileSync(file, 'utf8')) as { file: string; url?: string; kind?: string; body?: string[]; with?: string[]; without?: string[] }[];
    if (limit) list = list.slice(0, limit);
    for (const p of list) {
      const key = `${corpus}/${p.file}`;
      out.push({
        corpus,
        key,
        half: half(key),
        path: join(root, corpus, 'html', p.file),
        url: p.url || undefined,
        article: p.kind === undefined || p.kind === 'article',
        truth: p.body ?? p.with,
        without: p.without,
      });
    }
  };
  listed('fundus');
  listed('trafilatura');
  const sitesDir = join(root, 'sites');
  if (existsSync(sitesDir)) {
    let n = 0;
    for (const d of readdirSync(sitesDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(join(sitesDir, d.name))
        .filter((f) => f.endsWith('.html'))
        .sort()) {
        if (limit && n++ >= limit) break;
        const key = `sites/${d.name}/${f}`;
        // Served under the site's own name, so its built-in rules apply as they do for a reader.
        out.push({
          corpus: 'sites',
          key,
          half: half(key),
          path: join(sitesDir, d.name, f),
          url: `https://www.${d.name}/${encodeURIComponent(f)}`,
          article: true,
        });
      }
    }
  }
  listed('nonarticle');
  return out;
}

/** The body's text as shown, with our hidden blocks hidden and then shown (the popup's "Show" on each), in one task. */
const READ_TEXT = `(() => {
  const marked = Array.from(document.querySelectorAll('[${HIDDEN_ATTR}]:not([${SHOW_ATTR}])'));
  const after = document.body ? document.body.innerText : '';
  for (const el of marked) el.setAttribute('${SHOW_ATTR}', '');
  const before = document.body ? document.body.innerText : '';
  for (const el of marked) el.removeAttribute('${SHOW_ATTR}');
  return { after, before };
})()`;

async function tabBlocks(worker: Worker, url: string): Promise<PageCoverage['blocks']> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const all = (await worker.evaluate(() => (globalThis as any).chrome.storage.session.get(null))) as Record<string, { url: string; blocks: Block[] }>;
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith('tab:') && v.url === url)
      return v.blocks.filter((b) => !b.kept).map((b) => ({ kind: b.kind, reason: b.reason, text: b.text, rule: b.rule }));
  }
  return [];
}

export async function benchCoverage(opts: { root?: string; limit?: number; log?: (s: string) => void } = {}): Promise<PageCoverage[]> {
  const root = opts.root ?? join(ROOT, '..', 'shared', 'corpus');
  const log = opts.log ?? (() => {});
  if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`no built extension at ${EXTENSION}: run "npm run build" first`);
  const pages = corpusPages(root, opts.limit);
  const server = await corpusServer();
  let browser: Launched | null = null;
  const out: PageCoverage[] = [];
  try {
    browser = await launchExtension('declutter-coverage-');
    const { worker } = browser;
    let tab = browser.tab;
    for (const [i, p] of pages.entries()) {
      const served: ServedPage = { file: p.key.split('/').pop()!, url: p.url };
      const host = hostFor(served, i);
      const u = new URL(`http://${host}:${server.port}${servedPath(p.corpus, served)}`);
      server.serve(u, p.path);
      const c: PageCoverage = { corpus: p.corpus, key: p.key, half: p.half, article: p.article, status: '', blocks: [] };
      try {
        const { state } = await loadSettled(tab, worker(), u.href);
        c.status = state.status;
        c.blocks = await tabBlocks(worker(), u.href);
        const bench = tab.worlds.bench;
        if (bench === undefined) throw new Error('no bench world in the page');
        const { after, before } = await evaluate<{ after: string; before: string }>(tab.cdp, bench, READ_TEXT);
        if (p.truth !== undefined) Object.assign(c, visibleWords(before, after, p.truth, c.blocks));
        if (p.without) {
          c.clutterAfter = snippetCounts(after, { file: '', without: p.without }).fp;
          c.clutterBefore = snippetCounts(before, { file: '', without: p.without }).fp;
        }
      } catch (e) {
        c.error = (e as Error).message.split('\n')[0];
        tab = await browser.recover(tab);
      }
      out.push(c);
      if ((i + 1) % 50 === 0) log(`  ${i + 1}/${pages.length}`);
    }
    return out;
  } finally {
    await browser?.close();
    await server.close();
  }
}

export interface CoverageRow {
  name: string;
  pages: number;
  articles: number;
  recognized: number;
  others: number;
  leftAlone: number;
  /** Blocks hidden per page cleaned, by kind. */
  perPage: Record<Kind, number>;
  cleaned: number;
  wordsAfter: number;
  wordsBefore: number;
  /** Pages that lost any article word, worst first: key and share lost. */
  losing: { key: string; lost: number }[];
  clutterAfter: number;
  clutterBefore: number;
  errors: number;
}

export function summarizeCoverage(name: string, pages: PageCoverage[]): CoverageRow {
  const ok = pages.filter((p) => !p.error);
  const cleaned = ok.filter((p) => p.status === 'cleaned');
  const perPage = Object.fromEntries(
    KINDS.map((k) => [k, cleaned.length ? cleaned.reduce((s, p) => s + p.blocks.filter((b) => b.kind === k).length, 0) / cleaned.length : 0]),
  ) as Record<Kind, number>;
  const truthful = ok.filter((p) => p.wordsBefore !== undefined);
  return {
    name,
    pages: pages.length,
    articles: ok.filter((p) => p.article).length,
    recognized: ok.filter((p) => p.article && p.status === 'cleaned').length,
    others: ok.filter((p) => !p.article).length,
    leftAlone: ok.filter((p) => !p.article && p.status !== 'cleaned').length,
    perPage,
    cleaned: cleaned.length,
    wordsAfter: truthful.reduce((s, p) => s + p.wordsAfter!, 0),
    wordsBefore: truthful.reduce((s, p) => s + p.wordsBefore!, 0),
    losing: truthful
      .filter((p) => p.wordsAfter! < p.wordsBefore!)
      .map((p) => ({ key: p.key, lost: 1 - p.wordsAfter! / p.wordsBefore! }))
      .sort((a, b) => b.lost - a.lost),
    clutterAfter: ok.reduce((s, p) => s + (p.clutterAfter ?? 0), 0),
    clutterBefore: ok.reduce((s, p) => s + (p.clutterBefore ?? 0), 0),
    errors: pages.length - ok.length,
  };
}

/** Each corpus, whole and in its fit and check halves, then all pages. */
export function coverageRows(pages: PageCoverage[]): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const corpus of [...new Set(pages.map((p) => p.corpus))]) {
    const mine = pages.filter((p) => p.corpus === corpus);
    rows.push(summarizeCoverage(corpus, mine));
    for (const half of ['fit', 'check'] as const)
      rows.push(
        summarizeCoverage(
          `${corpus} · ${half}`,
          mine.filter((p) => p.half === half),
        ),
      );
  }
  rows.push(summarizeCoverage('all', pages));
  return rows;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '–');

export function formatCoverage(rows: CoverageRow[]): string {
  return [
    '| corpus | pages | articles recognized | others left alone | hidden per cleaned page: newsletter / related / duplicate / ad / share | article words visible after / before | pages losing words (worst) | `without` snippets visible after / before |',
    '| --- | ---: | ---: | ---: | --- | ---: | --- | ---: |',
    ...rows.map((r) => {
      const words = r.wordsBefore ? `${r.wordsAfter} / ${r.wordsBefore} = ${((100 * r.wordsAfter) / r.wordsBefore).toFixed(2)} %` : '–';
      const worst = r.losing.length ? `${r.losing.length} (${(100 * r.losing[0].lost).toFixed(1)} %)` : r.wordsBefore ? '0' : '–';
      const clutter = r.clutterBefore ? `${r.clutterAfter} / ${r.clutterBefore}` : '–';
      return `| ${r.name} | ${r.pages}${r.errors ? ` (${r.errors} failed)` : ''} | ${r.articles ? `${r.recognized}/${r.articles} = ${pct(r.recognized, r.articles)}` : '–'} | ${r.others ? `${r.leftAlone}/${r.others} = ${pct(r.leftAlone, r.others)}` : '–'} | ${KINDS.map((k) => r.perPage[k].toFixed(2)).join(' / ')} | ${words} | ${worst} | ${clutter} |`;
    }),
  ].join('\n');
}

/** The coverage section of docs/benchmarks.md (see docs-section.ts). */
export function coverageBody(rows: CoverageRow[], about: string): string {
  return [
    '## Coverage in the browser',
    '',
    about,
    '',
    formatCoverage(rows),
    '',
    "Article words visible: the pieces of each corpus' ground truth (fundus paragraphs, trafilatura snippets) the page shows with the blocks hidden, against the same load with them shown; targets ≥ 99.5 % per corpus and no page losing more than 2 %. Every page's hidden blocks: `npm run bench:coverage` writes them to test-results/coverage.md.",
  ].join('\n');
}

/** Every page's hidden blocks, for a reviewer to read. */
export function formatPages(pages: PageCoverage[]): string {
  const lines = ['# Blocks hidden, page by page (npm run bench:coverage)', ''];
  for (const p of pages) {
    const words = p.wordsBefore !== undefined ? `, article words ${p.wordsAfter}/${p.wordsBefore}` : '';
    lines.push(`## ${p.key} (${p.half ?? 'no half'}, ${p.error ? `failed: ${p.error}` : p.status}${words})`, '');
    for (const l of p.lostPieces ?? []) lines.push(`- article text hidden: “${l.replace(/\s+/g, ' ')}”`);
    for (const l of p.truthHoldsBlock ?? []) lines.push(`- ground truth holds a hidden block (shown without it): “${l.replace(/\s+/g, ' ')}”`);
    for (const b of p.blocks) lines.push(`- **${b.kind}** — ${b.reason} — “${b.text.replace(/\s+/g, ' ').slice(0, 160)}”`);
    if (p.blocks.length) lines.push('');
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let limit: number | undefined;
  let json = false;
  let root: string | undefined;
  let pagesOut = join(ROOT, 'test-results', 'coverage.md');
  let docs = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--limit') limit = Math.max(1, Number(argv[++i]) || 0) || undefined;
    else if (a === '--json') json = true;
    else if (a === '--pages') pagesOut = resolve(argv[++i]);
    else if (a === '--corpus') root = resolve(argv[++i]);
    else if (a === '--docs') docs = true;
    else {
      process.stderr.write('usage: npm run bench:coverage -- [--limit N] [--json] [--pages FILE] [--corpus DIR] [--docs]\n');
      return 2;
    }
  }
  const started = Date.now();
  const pages = await benchCoverage({ root, limit, log: (s) => process.stderr.write(`${s}\n`) });
  mkdirSync(dirname(pagesOut), { recursive: true });
  writeFileSync(pagesOut, formatPages(pages));
  const rows = coverageRows(pages);
  if (docs) {
    const file = join(ROOT, 'docs', 'benchmarks.md');
    const about = `Made by \`npm run bench:coverage${argv.length ? ` -- ${argv.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 10)}: every page of ../shared/corpus in Chromium with the built extension, loaded as bench:browser loads them, per corpus and per half of the publishers (test/corpus-split.json; "check" is the half nothing was tuned on). ${cpus().length} CPUs, Node ${process.version}.`;
    writeSection(file, 'coverage', coverageBody(rows, about));
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ rows, pages }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${formatCoverage(rows)}\n\n`);
  for (const r of rows.filter((x) => !x.name.includes('·') && x.name !== 'all' && x.wordsBefore)) {
    const share = r.wordsAfter / r.wordsBefore;
    const worst = r.losing[0]?.lost ?? 0;
    process.stdout.write(
      `${r.name}: article words visible ${(100 * share).toFixed(2)} % (target ≥ ${100 * MIN_VISIBLE_SHARE} %) ${share >= MIN_VISIBLE_SHARE ? 'met' : 'NOT met'}; worst page −${(100 * worst).toFixed(1)} % (target ≤ ${100 * MAX_PAGE_LOSS} %) ${worst <= MAX_PAGE_LOSS ? 'met' : 'NOT met'}\n`,
    );
    for (const l of r.losing.slice(0, 10)) process.stdout.write(`  ${l.key}: −${(100 * l.lost).toFixed(2)} %\n`);
  }
  process.stdout.write(
    `Every page's hidden blocks: ${pagesOut}\n${cpus().length} CPUs, Node ${process.version}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  return 0;
}

if (process.argv[1] && /bench-coverage\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}

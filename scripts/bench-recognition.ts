/**
 * bench:recognition: does the engine tell article pages from the others (report.isArticle)?
 *
 *   npm run bench:recognition -- [--corpus DIR] [--misses]   (DIR: ../shared/corpus by default)
 *
 * Article pages: every page of fundus/, trafilatura/ and sites/<site>/, and the pages of
 * nonarticle/ whose kind is "article"; the other pages of nonarticle/ are not articles. Prints the
 * recognized share of each, per corpus and per half of the publishers (test/corpus-split.json:
 * thresholds are set on "fit", "check" tells how they hold on publishers they never saw).
 * --misses lists the pages decided wrong, with the engine's reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../lib/engine/index';
import { sites } from '../lib/rules/index';
import { decodeHtml, parseDocument } from './page';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface CorpusPage {
  /** `<corpus>/<file>`, the key of test/corpus-split.json. */
  key: string;
  corpus: string;
  path: string;
  url?: string;
  /** The page is an article. */
  article: boolean;
  half: 'fit' | 'check' | '';
}

interface Listed {
  file: string;
  url?: string;
  kind?: string;
}

/** The corpus' pages with their labels and halves. */
export function corpusPages(root: string): CorpusPage[] {
  const split = JSON.parse(readFileSync(resolve(HERE, '../test/corpus-split.json'), 'utf8')) as { fit: string[]; check: string[] };
  const fit = new Set(split.fit);
  const check = new Set(split.check);
  const half = (key: string) => (fit.has(key) ? 'fit' : check.has(key) ? 'check' : '');
  const out: CorpusPage[] = [];
  const listed = (corpus: string, isArticle: (p: Listed) => boolean) => {
    const file = join(root, corpus, 'pages.json');
    if (!existsSync(file)) return;
    for (const p of JSON.parse(readFileSync(file, 'utf8')) as Listed[]) {
      const key = `${corpus}/${p.file}`;
      out.push({ key, corpus, path: join(root, corpus, 'html', p.file), url: p.url || undefined, article: isArticle(p), half: half(key) });
    }
  };
  listed('fundus', () => true);
  listed('trafilatura', () => true);
  const sitesDir = join(root, 'sites');
  if (existsSync(sitesDir)) {
    for (const d of readdirSync(sitesDir, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      for (const f of readdirSync(join(sitesDir, d.name))
        .filter((f) => f.endsWith('.html'))
        .sort()) {
        const key = `sites/${d.name}/${f}`;
        out.push({ key, corpus: 'sites', path: join(sitesDir, d.name, f), article: true, half: half(key) });
      }
    }
  }
  listed('nonarticle', (p) => p.kind === 'article');
  return out;
}

export interface Tally {
  articles: number;
  recognized: number;
  others: number;
  leftAlone: number;
}

export const emptyTally = (): Tally => ({ articles: 0, recognized: 0, others: 0, leftAlone: 0 });

export function count(t: Tally, article: boolean, isArticle: boolean): void {
  if (article) {
    t.articles++;
    if (isArticle) t.recognized++;
  } else {
    t.others++;
    if (!isArticle) t.leftAlone++;
  }
}

const pct = (a: number, b: number) => (b ? `${a}/${b} = ${((100 * a) / b).toFixed(1)}%` : '–');

/** A table of recognized shares, one row per group. */
export function formatTallies(groups: Map<string, Tally>): string {
  const rows = ['| pages | articles recognized | non-articles left alone |', '|---|---|---|'];
  for (const [name, t] of groups) rows.push(`| ${name} | ${pct(t.recognized, t.articles)} | ${pct(t.leftAlone, t.others)} |`);
  return rows.join('\n');
}

/** Adds one decision to the rows it belongs to: its corpus, its half, all. */
export function tallyPage(groups: Map<string, Tally>, page: CorpusPage, isArticle: boolean): void {
  for (const g of [page.corpus, ...(page.half ? [`${page.half} half`] : []), 'all']) {
    if (!groups.has(g)) groups.set(g, emptyTally());
    count(groups.get(g)!, page.article, isArticle);
  }
}

function main(argv: string[]): number {
  let root = resolve(HERE, '../../shared/corpus');
  let misses = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus') root = resolve(argv[++i]);
    else if (argv[i] === '--misses') misses = true;
    else {
      process.stderr.write('usage: npm run bench:recognition -- [--corpus DIR] [--misses]\n');
      return 2;
    }
  }
  const pages = corpusPages(root);
  if (!pages.length) {
    process.stderr.write(`${root}: no corpus pages\n`);
    return 1;
  }
  const groups = new Map<string, Tally>();
  for (const name of ['fundus', 'trafilatura', 'sites', 'nonarticle', 'fit half', 'check half', 'all']) groups.set(name, emptyTally());
  const wrong: string[] = [];
  pages.forEach((page, i) => {
    let isArticle = false;
    let why = '';
    try {
      const { report } = analyze(parseDocument(decodeHtml(readFileSync(page.path))), { url: page.url, sites });
      isArticle = report.isArticle;
      why = report.recognized ?? '';
    } catch (e) {
      why = `failed: ${(e as Error).message}`;
    }
    tallyPage(groups, page, isArticle);
    if (isArticle !== page.article) wrong.push(`${page.article ? 'missed ' : 'taken  '} ${page.half || '-'}  ${page.key}: ${why}`);
    if ((i + 1) % 100 === 0) process.stderr.write(`  ${i + 1}/${pages.length}\n`);
  });
  process.stdout.write(`${formatTallies(groups)}\n`);
  if (misses) process.stdout.write(`\n${wrong.join('\n')}\n`);
  return 0;
}

if (process.argv[1] && /bench-recognition\.ts$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));

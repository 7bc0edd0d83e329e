/**
 * bench:docs — runs the Node benchmark (scripts/bench.ts) and the browser benchmark
 * (scripts/bench-browser.ts) on the corpora and writes docs/benchmarks.md and docs/benchmarks.svg.
 *
 *   npm run bench:docs -- [--limit N] [--repeat N] [DIR...]
 *   npm run bench:docs -- --render FILE      (the docs again from a saved results file, no run)
 *
 * (`npm run bench:docs` builds the extension first.) DIR defaults to ../shared/corpus/fundus and
 * ../shared/corpus/trafilatura; `--limit N` limits the browser benchmark to the first N pages of
 * each corpus (the Node benchmark always takes every page); `--repeat N` loads each page N times
 * in the browser benchmark and keeps the lowest of each figure. The results are also saved to
 * test-results/benchmarks.json, which `--render` reads.
 */
import { cpus, release, type } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCorpus, type CorpusResult } from './bench';
import { DEFAULT_DIRS, benchBrowser } from './bench-browser';
import { renderMarkdown, renderSvg, type DocsInput } from './bench-report';
import { allSections } from './docs-section';

const DOCS = join(import.meta.dirname, '..', 'docs');
const SAVED = join(import.meta.dirname, '..', 'test-results', 'benchmarks.json');

function write(input: DocsInput): void {
  mkdirSync(DOCS, { recursive: true });
  const file = join(DOCS, 'benchmarks.md');
  // The sections other benches write (bench:coverage, bench --docs) are kept as they are.
  const kept = existsSync(file) ? allSections(readFileSync(file, 'utf8')) : [];
  writeFileSync(file, `${renderMarkdown(input).trimEnd()}\n${kept.map((k) => `\n${k}\n`).join('')}`);
  writeFileSync(join(DOCS, 'benchmarks.svg'), renderSvg(input));
  process.stderr.write(`wrote ${join('docs', 'benchmarks.md')} and ${join('docs', 'benchmarks.svg')}\n`);
}

async function main(argv: string[]): Promise<number> {
  const dirs: string[] = [];
  let limit: number | undefined;
  let repeat = 1;
  if (argv[0] === '--render' && argv[1]) {
    write(JSON.parse(readFileSync(argv[1], 'utf8')) as DocsInput);
    return 0;
  }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--limit') limit = Math.max(1, Number(argv[++i]) || 0) || undefined;
    else if (argv[i] === '--repeat') repeat = Math.max(1, Number(argv[++i]) || 1);
    else if (argv[i].startsWith('--')) {
      process.stderr.write('usage: npm run bench:docs -- [--limit N] [--repeat N] [DIR...] | --render FILE\n');
      return 2;
    } else dirs.push(argv[i]);
  }
  const corpora = dirs.length ? dirs : DEFAULT_DIRS;
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const date = new Date().toISOString();

  log('Node benchmark …');
  const node: CorpusResult[] = corpora.map((dir) => benchCorpus(dir, log));
  log('Browser benchmark …');
  const browser = await benchBrowser({ dirs: corpora, limit, repeat, log });

  const input: DocsInput = {
    date,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU',
      os: `${type()} ${release()}`,
      node: process.version.replace(/^v/, ''),
      chromium: browser.chromium.replace(/^(Headless)?Chrome\//, 'Chromium '),
    },
    command: `npm run bench:docs${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    node,
    browser: { corpora: browser.corpora, all: browser.all, limit, repeat, ...(browser.revisits ? { revisits: browser.revisits } : {}) },
  };
  mkdirSync(join(SAVED, '..'), { recursive: true });
  writeFileSync(SAVED, `${JSON.stringify(input, null, 2)}\n`);
  write(input);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);

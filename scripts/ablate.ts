/**
 * ablate: switch off one rule of the engine at a time and see what it does.
 *
 *   npm run -s ablate -- [--corpus DIR] [--jobs N] [--cap N] [--sample N] [--only vocab,filter,detector,threshold] [--rules NAME,…] [--no-tests] [--out FILE]
 *
 * The rules: each vocabulary group (lib/engine/vocab/, emptied: its words and patterns match
 * nothing), each not-text filter (lib/engine/text/, left out of `filters`), each detector
 * (lib/engine/find/detectors/, left out of `detectors`), each named threshold (an exported
 * `MIN_…` / `MAX_…` constant of lib/engine/, set to its neutral value: 0 for a MIN_, Infinity for a
 * MAX_). For each: how many corpus pages (fundus, trafilatura, sites) get another CLI output line
 * than the baseline (the line of scripts/strip.ts, without `ms`), and, for the rules that change
 * no page, which unit test files (those importing the engine) fail without them.
 *
 * How it stays fast on two cores:
 * - each corpus page is parsed once, and `analyze` runs in-process per rule (the page is restored
 *   after each run, as the CLI's hiding is undone by restoreAll);
 * - a traced baseline run records on which pages each vocabulary group matched anything, each
 *   filter said yes and each detector found anything. The engine is deterministic, so a rule that
 *   never fired on a page cannot change that page when it is off: only the pages it fired on are
 *   analyzed again;
 * - thresholds are `export const`s, which no code can change from outside. Each is run against a
 *   copy of lib/engine/ under .ablate/ with that one constant rewritten, imported fresh (its own
 *   module graph); every page is analyzed again. `--jobs N` splits them over N processes. For the
 *   tests, the constant is rewritten in place and put back afterwards.
 *
 * The pages of ../shared/corpus/nonarticle (shop, video and list pages) are not read, so not
 * counted: held parsed beside the rest (about 2 GB in all) they made the collector run without end,
 * and a threshold took 16 minutes instead of one. A rule may matter only there (a shop's product page
 * taken for an article): before calling a rule useless, set it to its neutral value by hand and
 * compare the output of scripts/corpus-output.sh, which reads every page, nonarticle/ included, with
 * the rule off and on.
 *
 * Writes docs/ablation.md (or --out).
 */
import { spawnSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as engine from '../lib/engine/index';
import { detectors as allDetectors } from '../lib/engine/index';
import type { Detector } from '../lib/engine/find/detector';
import { notTextFilters } from '../lib/engine/text/index';
import type { NotTextFilter } from '../lib/engine/text/filter';
import { emptyGroup, groups, type Group } from '../lib/engine/vocab/index';
import { sites } from '../lib/rules/index';
import { parseDocument, readHtml } from './page';

type Engine = typeof engine;
type RuleKind = 'vocab' | 'filter' | 'detector' | 'threshold';
interface Threshold {
  file: string;
  name: string;
  value: string;
  neutral: string;
}
interface Result {
  rule: string;
  kind: RuleKind;
  /** Where it lives. */
  where: string;
  changed: number;
  /** True when counting stopped at --cap. */
  capped?: boolean;
  /** Files of changed pages (a few, for the report). */
  examples: string[];
  /** Failing test files, or null when not run. */
  failing: string[] | null;
}

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);

const USAGE =
  'usage: npm run -s ablate -- [--corpus DIR] [--jobs N] [--cap N] [--sample N] [--only vocab,filter,detector,threshold] [--rules NAME,…] [--no-tests] [--out FILE]';
/** The flags taken, with a value or without: anything else stops the run before it starts (a whole run takes long and rewrites docs/ablation.md). */
const VALUE_FLAGS = ['--corpus', '--jobs', '--cap', '--sample', '--only', '--rules', '--out', '--shard', '--json'];
const BARE_FLAGS = ['--no-tests'];
for (let i = 0; i < args.length; i++) {
  if (VALUE_FLAGS.includes(args[i]) && i + 1 < args.length) i++;
  else if (BARE_FLAGS.includes(args[i])) continue;
  else {
    const help = args[i] === '--help' || args[i] === '-h';
    process.stderr.write(`${help ? '' : `ablate: unknown argument ${JSON.stringify(args[i])}\n`}${USAGE}\n`);
    process.exit(help ? 0 : 2);
  }
}
const opt = (name: string, def: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : def;
};
const corpus = opt('--corpus', join(root, '../shared/corpus'));
const jobs = Math.max(1, Number(opt('--jobs', '1')));
const only = new Set(opt('--only', 'vocab,filter,detector,threshold').split(','));
const runTests = !args.includes('--no-tests');
/** Only these rules (by name, e.g. `MAX_LINE_CHARS,article.beside.name`); all when absent. */
const named = new Set(opt('--rules', '').split(',').filter(Boolean));
const wanted = (name: string) => named.size === 0 || named.has(name);
/** Stop counting a rule's changed pages at this many (0: count all); the report then says "≥ N". */
const cap = Number(opt('--cap', '0'));
/** Thresholds run on every Nth page only (1: all): each needs a whole pass over the pages. */
const sample = Math.max(1, Number(opt('--sample', '1')));
const out = opt('--out', join(root, 'docs/ablation.md'));
/** A worker's part of the thresholds: `--shard i/n`, results as JSON to `--json FILE`. */
const shard = opt('--shard', '');
const jsonOut = opt('--json', '');

function log(msg: string): void {
  process.stderr.write(`[ablate ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

function htmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const outFiles: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) outFiles.push(...htmlFiles(p));
    else if (name.endsWith('.html')) outFiles.push(p);
  }
  return outFiles;
}

// Not nonarticle/: see the header.
const files = [...htmlFiles(join(corpus, 'fundus/html')), ...htmlFiles(join(corpus, 'trafilatura/html')), ...htmlFiles(join(corpus, 'sites'))].sort();

interface Page {
  file: string;
  doc: Document;
}

function loadPages(): Page[] {
  const pages: Page[] = [];
  for (const file of files) {
    try {
      pages.push({ file: relative(corpus, file), doc: parseDocument(readHtml(file)) });
    } catch {
      // the CLI reports such a file and goes on; so does this
    }
  }
  return pages;
}

/** The CLI's output line for a page (scripts/strip.ts, without `ms`); the page is restored after. */
function lineOf(e: Engine, page: Page, options: { detectors?: readonly Detector[]; filters?: readonly NotTextFilter[] } = {}): string {
  const { report, elements } = e.analyze(page.doc, { sites, ...options });
  e.hideBlocks(page.doc, elements);
  const line = JSON.stringify({
    url: report.url,
    title: report.title,
    text: report.text,
    leftOut: report.leftOut ?? [],
    pageText: e.blockText(page.doc.body, { visibleOnly: true }),
    removed: report.blocks.map(({ kind, text, reason, rule }) => ({ kind, text, reason, rule })),
  });
  e.restoreAll(page.doc);
  return line;
}

// ---- tracing: on which pages does each rule fire? ----

/** Wraps a group's patterns and sets so that a match on the current page is recorded. */
function traceGroup(g: Group, fired: (id: string) => void): () => void {
  const saved = { ...g };
  const tracePattern = (re: RegExp): RegExp => {
    const t = new RegExp(re.source, re.flags);
    t.test = function (s: string) {
      const v = RegExp.prototype.test.call(this, s);
      if (v) fired(g.id);
      return v;
    };
    t.exec = function (s: string) {
      const m = RegExp.prototype.exec.call(this, s);
      if (m) fired(g.id);
      return m;
    };
    return t;
  };
  const traceSet = (set: ReadonlySet<string>): ReadonlySet<string> => {
    const t = new Set(set);
    t.has = (w: string) => {
      const v = Set.prototype.has.call(t, w);
      if (v) fired(g.id);
      return v;
    };
    return t;
  };
  const m = g as unknown as Record<string, unknown>;
  for (const key of ['hint', 're', 'words']) {
    const v = m[key];
    if (v instanceof RegExp) m[key] = tracePattern(v);
    else if (v instanceof Set) m[key] = traceSet(v);
  }
  return () => Object.assign(g, saved);
}

interface Traced {
  baseline: string[];
  /** Rule id → indexes of the pages it fired on. */
  fired: Map<string, Set<number>>;
}

function traceRun(pages: Page[]): Traced {
  const fired = new Map<string, Set<number>>();
  let current = -1;
  const hit = (id: string) => {
    let s = fired.get(id);
    if (!s) fired.set(id, (s = new Set()));
    s.add(current);
  };
  const undo = groups.map((g) => traceGroup(g, (id) => hit(`vocab:${id}`)));
  const detectors = allDetectors.map((d): Detector => ({
    ...d,
    detect(ctx) {
      const found = d.detect(ctx);
      if (found.length) hit(`detector:${d.id}`);
      return found;
    },
  }));
  const filters = notTextFilters.map((f): NotTextFilter => ({
    ...f,
    test(el, live, env) {
      const v = f.test(el, live, env);
      if (v) hit(`filter:${f.id}`);
      return v;
    },
  }));
  const baseline: string[] = [];
  try {
    pages.forEach((p, i) => {
      current = i;
      baseline.push(lineOf(engine, p, { detectors, filters }));
    });
  } finally {
    for (const u of undo) u();
  }
  return { baseline, fired };
}

function countChanged(
  baseline: string[],
  pages: Page[],
  which: Iterable<number>,
  run: (p: Page) => string,
  stopAt = 0,
): { changed: number; examples: string[]; capped?: boolean } {
  let changed = 0;
  const examples: string[] = [];
  for (const i of which) {
    if (run(pages[i]) !== baseline[i]) {
      changed++;
      if (examples.length < 3) examples.push(pages[i].file);
      if (stopAt && changed >= stopAt) return { changed, examples, capped: true };
    }
  }
  return { changed, examples };
}

// ---- thresholds ----

const NEUTRAL_OF = (name: string) => (name.startsWith('MIN_') ? '0' : 'Infinity');

function thresholds(): Threshold[] {
  const list: Threshold[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/^export const ((?:MIN|MAX)_[A-Z0-9_]+) = ([^;]+);/gm)) {
          list.push({ file: relative(root, p), name: m[1], value: m[2], neutral: NEUTRAL_OF(m[1]) });
        }
      }
    }
  };
  walk(join(root, 'lib/engine'));
  return list;
}

function rewrite(src: string, t: Threshold): string {
  const re = new RegExp(`^export const ${t.name} = [^;]+;`, 'm');
  if (!re.test(src)) throw new Error(`${t.file}: ${t.name} not found`);
  return src.replace(re, `export const ${t.name} = ${t.neutral};`);
}

/** A copy of lib/engine with one constant rewritten, imported as a module graph of its own. */
async function engineWith(t: Threshold, n: number): Promise<Engine> {
  const dir = join(root, '.ablate', `${process.pid}-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'lib'), { recursive: true });
  cpSync(join(root, 'lib/engine'), join(dir, 'lib/engine'), { recursive: true });
  const file = join(dir, t.file);
  writeFileSync(file, rewrite(readFileSync(file, 'utf8'), t));
  return (await import(pathToFileURL(join(dir, 'lib/engine/index.ts')).href)) as Engine;
}

async function runThresholds(pages: Page[], baseline: string[], list: Threshold[]): Promise<Result[]> {
  const results: Result[] = [];
  const all = pages.map((_, i) => i).filter((i) => i % sample === 0);
  for (const [n, t] of list.entries()) {
    const e = await engineWith(t, n);
    const { changed, examples, capped } = countChanged(baseline, pages, all, (p) => lineOf(e, p), cap);
    results.push({ rule: t.name, kind: 'threshold', where: `${t.file} (${t.value} → ${t.neutral})`, changed, capped, examples, failing: null });
    log(`threshold ${t.name}: ${changed} pages`);
  }
  return results;
}

// ---- tests, for the rules that change no page ----

function engineTestFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (!['e2e', 'e2e-firefox', 'fixtures'].includes(name)) walk(p);
      } else if (name.endsWith('.test.ts') && /from '(?:\.\.\/)+lib\/(?:engine|rules)\//.test(readFileSync(p, 'utf8'))) found.push(relative(root, p));
    }
  };
  walk(join(root, 'test'));
  return found;
}

/** Runs the engine's test files with one rule off; returns the failing files. */
function failingTests(r: Result, thresholdList: Threshold[]): string[] {
  const config = join(root, '.ablate', 'vitest.config.ts');
  mkdirSync(join(root, '.ablate'), { recursive: true });
  writeFileSync(
    config,
    `import { defineConfig, mergeConfig } from 'vitest/config';\nimport base from '../vitest.config';\nexport default mergeConfig(base, defineConfig({ test: { setupFiles: ['scripts/ablate-setup.ts'] } }));\n`,
  );
  let restore = () => {};
  const env = { ...process.env };
  if (r.kind === 'threshold') {
    const t = thresholdList.find((x) => x.name === r.rule && r.where.startsWith(x.file))!;
    const file = join(root, t.file);
    const src = readFileSync(file, 'utf8');
    writeFileSync(file, rewrite(src, t));
    restore = () => writeFileSync(file, src);
  } else env.ABLATE = `${r.kind}:${r.rule}`;
  try {
    const res = spawnSync('npx', ['vitest', 'run', '--config', config, '--reporter=json', ...engineTestFiles()], {
      cwd: root,
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const json = res.stdout.slice(res.stdout.indexOf('{'));
    const report = JSON.parse(json) as { testResults: { name: string; status: string }[] };
    return report.testResults.filter((f) => f.status !== 'passed').map((f) => relative(root, f.name));
  } finally {
    restore();
  }
}

// ---- the report ----

function writeReport(results: Result[], pages: number, started: Date, seconds: number): void {
  const cell = (r: Result) => (r.failing === null ? (r.changed > 0 ? 'not run (changes pages)' : 'not run') : r.failing.length ? r.failing.join(', ') : 'none');
  const lines = [
    '# Ablation: what each rule of the engine does',
    '',
    `Made by \`npm run -s ablate -- ${args.filter((a) => !a.includes('/')).join(' ')}\` on ${started.toISOString().slice(0, 10)} (${Math.round(seconds / 60)} min), over ${pages} pages of ../shared/corpus (fundus, trafilatura, sites).`,
    'Each rule is switched off alone: a vocabulary group emptied (its words and patterns match nothing), a not-text filter or a',
    'detector left out, a named threshold set to its neutral value (0 for a MIN_, Infinity for a MAX_). "Pages changed" counts',
    "the pages whose CLI output line (scripts/strip.ts, without `ms`) differs from the baseline's. The engine's unit test files",
    '(those importing lib/engine or lib/rules) run only for the rules that change no page: those are the candidates to delete,',
    'or to give a test page. See scripts/ablate.ts for how it is made fast.' +
      (cap ? ` A rule's count stops at ${cap} ("≥ ${cap}").` : '') +
      (sample > 1
        ? ` Thresholds ran on every ${sample}th page only (${Math.ceil(pages / sample)} pages): their counts are of that sample, and a 0 says no page of it changed.`
        : ''),
    '',
    '| rule | kind of rule | where | corpus pages changed | tests failing |',
    '| --- | --- | --- | ---: | --- |',
    ...results.map(
      (r) =>
        `| \`${r.rule}\` | ${r.kind} | ${r.where} | ${r.capped ? '≥ ' : ''}${r.changed}${r.examples.length ? ` (e.g. ${r.examples[0]})` : ''} | ${cell(r)} |`,
    ),
    '',
  ];
  writeFileSync(out, lines.join('\n'));
  log(`wrote ${relative(root, out)}`);
}

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const list = thresholds().filter((t) => wanted(t.name));
  if (shard) {
    // A worker: its part of the thresholds, as JSON.
    const [i, n] = shard.split('/').map(Number);
    const pages = loadPages();
    const baseline = pages.map((p) => lineOf(engine, p));
    const mine = list.filter((_, k) => k % n === i);
    writeFileSync(jsonOut, JSON.stringify(await runThresholds(pages, baseline, mine)));
    return;
  }
  log(`${files.length} corpus pages; parsing`);
  const pages = loadPages();
  log(`${pages.length} pages parsed; traced baseline`);
  const { baseline, fired } = traceRun(pages);
  // The engine must give the same line twice (checked on the first pages): else every count below is noise.
  const again = countChanged(baseline, pages, [...pages.keys()].slice(0, 60), (p) => lineOf(engine, p));
  if (again.changed) throw new Error(`the baseline is not reproducible: ${again.changed} pages differ (${again.examples.join(', ')})`);
  const results: Result[] = [];
  const firedOn = (id: string) => [...(fired.get(id) ?? [])].sort((a, b) => a - b);
  if (only.has('vocab')) {
    for (const g of groups.filter((x) => wanted(x.id))) {
      const put = emptyGroup(g);
      try {
        const { changed, examples, capped } = countChanged(baseline, pages, firedOn(`vocab:${g.id}`), (p) => lineOf(engine, p), cap);
        results.push({
          rule: g.id,
          kind: 'vocab',
          where: `lib/engine/vocab (fired on ${fired.get(`vocab:${g.id}`)?.size ?? 0} pages)`,
          changed,
          capped,
          examples,
          failing: null,
        });
        log(`vocab ${g.id}: ${changed}`);
      } finally {
        put();
      }
    }
  }
  if (only.has('filter')) {
    for (const f of notTextFilters.filter((x) => wanted(x.id))) {
      const filters = notTextFilters.filter((x) => x !== f);
      const { changed, examples, capped } = countChanged(baseline, pages, firedOn(`filter:${f.id}`), (p) => lineOf(engine, p, { filters }), cap);
      results.push({
        rule: f.id,
        kind: 'filter',
        where: `lib/engine/text/${f.id}.ts (said yes on ${fired.get(`filter:${f.id}`)?.size ?? 0} pages)`,
        changed,
        capped,
        examples,
        failing: null,
      });
      log(`filter ${f.id}: ${changed}`);
    }
  }
  if (only.has('detector')) {
    for (const d of allDetectors.filter((x) => wanted(x.id))) {
      const detectors = allDetectors.filter((x) => x !== d);
      const { changed, examples, capped } = countChanged(baseline, pages, firedOn(`detector:${d.id}`), (p) => lineOf(engine, p, { detectors }), cap);
      results.push({
        rule: d.id,
        kind: 'detector',
        where: `lib/engine/find/detectors/${d.id}.ts (found blocks on ${fired.get(`detector:${d.id}`)?.size ?? 0} pages)`,
        changed,
        capped,
        examples,
        failing: null,
      });
      log(`detector ${d.id}: ${changed}`);
    }
  }
  if (only.has('threshold')) {
    if (jobs > 1) {
      mkdirSync(join(root, '.ablate'), { recursive: true });
      const parts = await Promise.all(
        Array.from({ length: jobs }, (_, i) => {
          const json = join(root, '.ablate', `part-${i}.json`);
          return new Promise<Result[]>((resolve, reject) => {
            const child = spawn(
              process.execPath,
              [
                ...process.execArgv,
                process.argv[1],
                '--corpus',
                corpus,
                '--cap',
                String(cap),
                '--sample',
                String(sample),
                ...(named.size ? ['--rules', [...named].join(',')] : []),
                '--shard',
                `${i}/${jobs}`,
                '--json',
                json,
              ],
              { stdio: ['ignore', 'inherit', 'inherit'] },
            );
            child.on('exit', (code) =>
              code === 0 ? resolve(JSON.parse(readFileSync(json, 'utf8')) as Result[]) : reject(new Error(`shard ${i} failed (${code})`)),
            );
          });
        }),
      );
      const byName = new Map(parts.flat().map((r) => [`${r.where}`, r]));
      for (const t of list) {
        const r = [...byName.values()].find((x) => x.rule === t.name && x.where.startsWith(t.file));
        if (r) results.push(r);
      }
    } else results.push(...(await runThresholds(pages, baseline, list)));
  }
  const seconds = () => (performance.now() - t0) / 1000;
  writeReport(results, pages.length, started, seconds());
  if (runTests) {
    // The report is written again after each: a run cut short still says what it found.
    for (const r of results.filter((x) => x.changed === 0)) {
      r.failing = failingTests(r, list);
      log(`tests without ${r.kind} ${r.rule}: ${r.failing.length ? r.failing.join(', ') : 'all pass'}`);
      writeReport(results, pages.length, started, seconds());
    }
  }
  rmSync(join(root, '.ablate'), { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});

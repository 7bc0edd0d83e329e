/**
 * bench:learn — what rules learned from a site's other pages do to a page of it the learner never
 * saw, under Node (linkedom).
 *
 *   npm run bench:learn -- [--corpus DIR] [--site SITE]... [--json] [--docs]
 *
 * The sites of ../shared/corpus with two or more pages (fundus pages by the site of their address,
 * plus the `sites/` folder's pages of cnbc.com and globalnews.ca) are read page by page, leaving
 * one out: the site's rules are learned from its other pages as the extension learns them while
 * its user reads them (lib/extension/background/learner.ts: each article page digested in turn,
 * checked against the site's rules and pages so far, `learnStep` from the second page on, the
 * stored memory's limits and the rules switched off by themselves included), then the left-out
 * page is analyzed as the extension analyzes it — the built-in site rules, and with them the
 * site's learned rules that are on (`learnedSiteRules`) — and cleaned where the extension cleans
 * it (an article, or a page of a site with rules of its own, learned ones aside: `extensionCleans`). For the left-out page, without and with the learned rules:
 *   - blocks hidden, and by kind;
 *   - article words visible: the words of the pieces of the page's ground truth (fundus paragraphs)
 *     its visible text shows with the blocks hidden, against the page as served (`visibleWords`,
 *     bench:coverage's measure, on the text `blockText` gives here). The `sites/` pages have no
 *     ground truth: blocks only.
 * Per site, then all pages and each half of the publishers (test/corpus-split.json). Learned rules
 * must never cost article words: a page that shows fewer with them is listed, loudly.
 * Learning needs MIN_SAMPLES pages: on a site with fewer other pages than that (most fundus
 * publishers have two pages), the page itself is learned from too ("seen", a revisit of a page
 * already read), and those pages are totalled apart from the ones the learner never saw.
 * `--docs` puts the table in docs/benchmarks.md, in a section bench:docs keeps.
 *
 * The built-in rules of cnbc.com and globalnews.ca were learned from these same pages, so on those
 * two sites the "without" figures already hold what was learned from every page, the left-out one too.
 */
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze, ANY_SITE, blockText, hideBlocks, KINDS, rulesForHost, type Kind, type Report, type SiteRules } from '../lib/engine/index';
import { ruleLabel } from '../lib/engine/find/site-rules';
import { LearnError, MIN_SAMPLES, digestPage } from '../lib/rules/learn';
import { learnStep, probesFor } from '../lib/extension/background/learn-step';
import { learnedSiteRules, type LearnedRulesBySite } from '../lib/extension/storage/learned';
import type { LearnPagesBySite } from '../lib/extension/storage/learn-pages';
import { siteKey } from '../lib/engine/page/url';
import { sites as builtin } from '../lib/rules/index';
import { visibleWords } from './bench-coverage';
import { bySite, leaveOneOut, sitePages, type SitePage } from './corpus-sites';
import { writeSection } from './docs-section';
import { parseDocument, readHtml } from './page';

const ROOT = join(import.meta.dirname, '..');

/**
 * The extension's gate (lib/extension/content/cleaner.ts, `finish` and `useRules`): a page is
 * cleaned when the engine takes it for an article, or when its host has site rules of its own
 * (built-in, the user's, learned); rules for every site do not count.
 */
export function extensionCleans(report: Pick<Report, 'isArticle' | 'host'>, sites: readonly SiteRules[]): boolean {
  return report.isArticle || rulesForHost(report.host, sites).some((s) => s.host !== ANY_SITE && !s.learned);
}

/**
 * What the extension has learned of a site after its user read `pages` in order: each page the
 * engine takes for an article (with the built-in rules and those learned so far) is digested and
 * learned from, as the background does (learner.ts). Returns the site's learned rules that are on.
 */
export function learnWhileBrowsing(site: string, pages: readonly SitePage[]): SiteRules[] {
  let memory = { learnPages: {} as LearnPagesBySite, learnedRules: {} as LearnedRulesBySite };
  const key = siteKey(site);
  pages.forEach((p, i) => {
    const doc = parseDocument(readHtml(p.path));
    const sites = [...builtin, ...learnedSiteRules(memory.learnedRules, key)];
    if (!analyze(doc, { url: p.url, sites }).report.isArticle) return;
    const digest = digestPage({ name: p.url || p.key, doc, url: p.url }, probesFor(memory, key));
    if (digest.paragraphs.length === 0) return;
    memory = learnStep(memory, key, digest, i + 1);
  });
  return learnedSiteRules(memory.learnedRules, key);
}

/** One page under one set of rules. */
export interface Outcome {
  cleaned: boolean;
  /** Blocks hidden: kind and the rule that named it. */
  blocks: { kind: Kind; rule: string }[];
  /** Ground-truth words visible with the blocks hidden / as served (undefined: no ground truth). */
  wordsAfter?: number;
  wordsBefore?: number;
  lostPieces?: string[];
}

export interface Fold {
  site: string;
  key: string;
  half?: 'fit' | 'check';
  /** The pages learned from. */
  others: string[];
  /**
   * The site has fewer than MIN_SAMPLES other pages, so the page itself was learned from too: a
   * revisit of a page already read, not a page the learner never saw.
   */
  seen: boolean;
  /** Rules learned from them (0 when learning failed). */
  learned: number;
  learnError?: string;
  without: Outcome;
  with: Outcome;
  /** Blocks hidden with the learned rules that a learned rule named. */
  byLearned: number;
  ms: number;
}

/** The page analyzed and cleaned as the extension would under `sites`. */
export function outcome(page: Pick<SitePage, 'path' | 'url' | 'truth'>, sites: readonly SiteRules[]): Outcome {
  const doc = parseDocument(readHtml(page.path));
  const { report, elements } = analyze(doc, { url: page.url, sites });
  const cleaned = extensionCleans(report, sites);
  const hidden = cleaned ? report.blocks.filter((b) => !b.kept) : [];
  const before = blockText(doc.body, { visibleOnly: true });
  hideBlocks(
    doc,
    hidden.flatMap((b) => (elements.has(b.id) ? [[b.id, elements.get(b.id)!] as [string, Element]] : [])),
  );
  const after = blockText(doc.body, { visibleOnly: true });
  const out: Outcome = { cleaned, blocks: hidden.map((b) => ({ kind: b.kind, rule: b.rule })) };
  if (page.truth) {
    const w = visibleWords(before, after, page.truth, hidden);
    Object.assign(out, { wordsAfter: w.wordsAfter, wordsBefore: w.wordsBefore, lostPieces: w.lostPieces });
  }
  return out;
}

/**
 * One fold: rules learned from the page's `others`, the page without and with them. A site with
 * fewer than MIN_SAMPLES other pages learns from the page too (`seen`): nothing is learned from one page.
 */
export function runFold(site: string, left: SitePage, others: readonly SitePage[]): Fold {
  const t0 = performance.now();
  let learnedSite: SiteRules | null = null;
  let learnError: string | undefined;
  const seen = others.length < MIN_SAMPLES;
  const from = seen ? [...others, left] : others;
  try {
    learnedSite = learnWhileBrowsing(site, from)[0] ?? null;
    if (!learnedSite) learnError = 'nothing learned';
  } catch (e) {
    if (!(e instanceof LearnError)) throw e;
    learnError = e.message;
  }
  const without = outcome(left, builtin);
  const withRules = learnedSite ? outcome(left, [...builtin, learnedSite]) : without;
  const named = learnedSite;
  const labels = new Set(named ? named.rules.map((r) => ruleLabel(named, r)) : []);
  return {
    site,
    key: left.key,
    half: left.half,
    others: others.map((p) => p.key),
    seen,
    learned: learnedSite?.rules.length ?? 0,
    ...(learnError ? { learnError } : {}),
    without,
    with: withRules,
    byLearned: withRules.blocks.filter((b) => labels.has(b.rule)).length,
    ms: performance.now() - t0,
  };
}

export interface LearnRow {
  name: string;
  pages: number;
  /** Pages with ground truth. */
  truthful: number;
  /** Rules learned, summed over the folds. */
  learned: number;
  cleanedWithout: number;
  cleanedWith: number;
  blocksWithout: number;
  blocksWith: number;
  byLearned: number;
  kindsWithout: Partial<Record<Kind, number>>;
  kindsWith: Partial<Record<Kind, number>>;
  wordsBefore: number;
  wordsWithout: number;
  wordsWith: number;
  /** Pages that show fewer article words with the learned rules than without, and how many fewer. */
  dropped: { key: string; words: number; pieces: string[] }[];
}

export function summarizeFolds(name: string, folds: readonly Fold[]): LearnRow {
  const kinds = (o: (f: Fold) => Outcome) => {
    const out: Partial<Record<Kind, number>> = {};
    for (const f of folds) for (const b of o(f).blocks) out[b.kind] = (out[b.kind] ?? 0) + 1;
    return out;
  };
  const truthful = folds.filter((f) => f.without.wordsBefore !== undefined);
  const sum = (pick: (f: Fold) => number) => truthful.reduce((s, f) => s + pick(f), 0);
  return {
    name,
    pages: folds.length,
    truthful: truthful.length,
    learned: folds.reduce((s, f) => s + f.learned, 0),
    cleanedWithout: folds.filter((f) => f.without.cleaned).length,
    cleanedWith: folds.filter((f) => f.with.cleaned).length,
    blocksWithout: folds.reduce((s, f) => s + f.without.blocks.length, 0),
    blocksWith: folds.reduce((s, f) => s + f.with.blocks.length, 0),
    byLearned: folds.reduce((s, f) => s + f.byLearned, 0),
    kindsWithout: kinds((f) => f.without),
    kindsWith: kinds((f) => f.with),
    wordsBefore: sum((f) => f.without.wordsBefore!),
    wordsWithout: sum((f) => f.without.wordsAfter!),
    wordsWith: sum((f) => f.with.wordsAfter!),
    dropped: truthful
      .filter((f) => f.with.wordsAfter! < f.without.wordsAfter!)
      .map((f) => ({
        key: f.key,
        words: f.without.wordsAfter! - f.with.wordsAfter!,
        pieces: (f.with.lostPieces ?? []).filter((p) => !(f.without.lostPieces ?? []).includes(p)),
      })),
  };
}

/**
 * Each site (its half; "seen" when its pages were learned from themselves too), then all pages,
 * each half of the publishers, and the pages the learner never saw against those it did.
 */
export function learnRows(folds: readonly Fold[]): LearnRow[] {
  const rows = [...new Set(folds.map((f) => f.site))].map((s) => {
    const mine = folds.filter((f) => f.site === s);
    const tags: string[] = [...new Set(mine.map((f) => f.half ?? '–'))];
    if (mine.some((f) => f.seen)) tags.push('seen');
    return summarizeFolds(`${s} (${tags.join(', ')})`, mine);
  });
  rows.push(summarizeFolds('all', folds));
  for (const half of ['fit', 'check'] as const)
    rows.push(
      summarizeFolds(
        `all · ${half}`,
        folds.filter((f) => f.half === half),
      ),
    );
  rows.push(
    summarizeFolds(
      'all · unseen (learned from other pages only)',
      folds.filter((f) => !f.seen),
    ),
  );
  rows.push(
    summarizeFolds(
      'all · seen (learned from the page too)',
      folds.filter((f) => f.seen),
    ),
  );
  return rows;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(2)} %` : '–');

/** The kinds hidden, without → with: `related 3 → 5, ad 2`. */
function kindsCell(r: LearnRow): string {
  const parts = KINDS.filter((k) => r.kindsWithout[k] || r.kindsWith[k]).map((k) => {
    const a = r.kindsWithout[k] ?? 0;
    const b = r.kindsWith[k] ?? 0;
    return a === b ? `${k} ${a}` : `${k} ${a} → ${b}`;
  });
  return parts.join(', ') || '–';
}

export function formatLearn(rows: readonly LearnRow[]): string {
  return [
    '| site (half) | pages left out (with ground truth) | rules learned per page | cleaned without → with | blocks hidden without → with (of them named by a learned rule) | by kind, without → with | article words visible without learned rules | with learned rules |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
    ...rows.map((r) => {
      const words = (a: number) => (r.wordsBefore ? `${a} / ${r.wordsBefore} = ${pct(a, r.wordsBefore)}` : '–');
      const withWords = r.wordsBefore
        ? `${words(r.wordsWith)}${r.dropped.length ? ` **DROPPED on ${r.dropped.length} page${r.dropped.length === 1 ? '' : 's'}**` : ''}`
        : '–';
      return `| ${r.name} | ${r.pages} (${r.truthful}) | ${(r.learned / (r.pages || 1)).toFixed(1)} | ${r.cleanedWithout} → ${r.cleanedWith} | ${r.blocksWithout} → ${r.blocksWith} (${r.byLearned}) | ${kindsCell(r)} | ${words(r.wordsWithout)} | ${withWords} |`;
    }),
  ].join('\n');
}

/** The verdict on article words: with the learned rules against without, and every page that lost any. */
export function wordsVerdict(all: LearnRow): string {
  if (!all.wordsBefore) return 'No page with ground truth: article words not measured.';
  const head = `Article words visible on the pages measured: ${pct(all.wordsWithout, all.wordsBefore)} without learned rules, ${pct(all.wordsWith, all.wordsBefore)} with them`;
  if (all.dropped.length === 0) return `${head}: not dropped on any page.`;
  const lost = all.dropped.reduce((s, d) => s + d.words, 0);
  return [
    `${head}: **DROPPED** — the learned rules hide ${lost} article word${lost === 1 ? '' : 's'} on ${all.dropped.length} page${all.dropped.length === 1 ? '' : 's'}:`,
    ...all.dropped.flatMap((d) => [`- ${d.key}: −${d.words} words`, ...d.pieces.map((p) => `  - “${p.replace(/\s+/g, ' ')}”`)]),
  ].join('\n');
}

export function learnBody(rows: readonly LearnRow[], about: string): string {
  return [
    '## Rules learned from a site’s other pages',
    '',
    about,
    '',
    formatLearn(rows),
    '',
    wordsVerdict(rows.find((r) => r.name === 'all')!),
    '',
    "Each page of a site with two or more corpus pages is left out in turn; the site's rules are learned from its other pages (`learnSiteRules`) and the page is cleaned as the extension cleans it, with the built-in rules alone and with the learned rules beside them. Learning needs two pages: a site with only one other page learns from that page and the page itself (\"seen\": a revisit of a page already read, not a page the learner never saw), and is totalled apart. Article words visible: the words of the page's ground-truth paragraphs its visible text shows with the blocks hidden, against as served (bench:coverage's measure); the `sites/` pages have none. The built-in rules of cnbc.com and globalnews.ca were learned from these same pages, the left-out one included.",
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  let root = join(ROOT, '..', 'shared', 'corpus');
  let json = false;
  let docs = false;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--corpus' && argv[i + 1]) root = resolve(argv[++i]);
    else if (a === '--site' && argv[i + 1]) only.push(argv[++i]);
    else if (a === '--json') json = true;
    else if (a === '--docs') docs = true;
    else {
      process.stderr.write('usage: npm run bench:learn -- [--corpus DIR] [--site SITE]... [--json] [--docs]\n');
      return 2;
    }
  }
  const started = Date.now();
  const groups = bySite(sitePages(root), MIN_SAMPLES).filter(([s]) => only.length === 0 || only.includes(s));
  if (groups.length === 0) {
    process.stderr.write(`no site with ${MIN_SAMPLES} or more pages under ${root}\n`);
    return 1;
  }
  const folds: Fold[] = [];
  for (const [site, pages] of groups) {
    for (const { left, others } of leaveOneOut(pages)) {
      const f = runFold(site, left, others);
      folds.push(f);
      const from = `${others.length} other page${others.length === 1 ? '' : 's'}${f.seen ? ' and itself' : ''}`;
      process.stderr.write(`  ${left.key}: ${f.learned} rules from ${from}, ${(f.ms / 1000).toFixed(1)} s${f.learnError ? ` (${f.learnError})` : ''}\n`);
    }
  }
  const rows = learnRows(folds);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (docs) {
    const about = `Made by \`npm run bench:learn${argv.length ? ` -- ${argv.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 10)} (${cpus().length} CPUs, Node ${process.version}, linkedom, ${seconds} s): ${groups.length} sites, ${folds.length} pages left out.`;
    writeSection(join(ROOT, 'docs', 'benchmarks.md'), 'learn', learnBody(rows, about));
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ rows, folds }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${formatLearn(rows)}\n\n${wordsVerdict(rows.find((r) => r.name === 'all')!)}\n\n`);
  process.stdout.write(`${groups.length} sites, ${folds.length} pages left out; ${cpus().length} CPUs, Node ${process.version}; ${seconds} s\n`);
  return 0;
}

if (process.argv[1] && /bench-learn\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}

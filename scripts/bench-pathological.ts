/**
 * Pathological pages, built in memory with linkedom, run through analyze() and the CLI's output path
 * (`npm run -s strip`: blocks hidden, the page's visible text, the JSON line): prints one row per
 * case with its node count, the engine's time, blocks, errors/notes, the whole CLI path's time and
 * whether it stayed within its budget.
 *
 *   npm run -s bench:pathological
 *
 * Budgets are for linkedom under Node (the content script on a real browser DOM is usually faster).
 * The script always runs to the end; a case that throws is reported as a row, not a crash.
 */
import { parseHTML } from 'linkedom';
import { analyze } from '../lib/engine/analyze';
import type { SiteRules } from '../lib/engine/types';
import { LateBlockWatcher, textBearing } from '../lib/extension/content/watcher';
import { MAX_SPINE_PARAGRAPHS, pageSpine } from '../lib/engine/apply/site-style';
import { stripPage } from './page';

interface Case {
  name: string;
  budgetMs: number;
  build(): Document;
  /** Site rules for the page (its URL is on RULES_HOST), as a user's rule or a `--rules` file gives them. */
  sites?: SiteRules[];
}

const RULES_HOST = 'news.example.com';
const rules = (...list: { selector: string; hasText?: string }[]): SiteRules[] => [
  { host: RULES_HOST, user: true, rules: list.map((r) => ({ kind: 'ad' as const, reason: 'pathological rule', ...r })) },
];

const para = (i: number) =>
  `<p>Paragraph ${i}: the council met on Tuesday evening and argued for hours about the budget, the roads and the new library. They voted late at night.</p>`;

function page(body: string, title = 'Pathological page'): Document {
  return parseHTML(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`).document as unknown as Document;
}

function article(n = 8): string {
  return `<article><h1>Council votes on budget</h1>${Array.from({ length: n }, (_, i) => para(i + 1)).join('')}</article>`;
}

/** Deep nesting built with the DOM API (the HTML parser is not what is under test). */
function deep(levels: number): Document {
  const doc = page(article());
  let at: Element = doc.body;
  for (let i = 0; i < levels; i++) {
    const d = doc.createElement('div');
    d.setAttribute('class', `level-${i % 7}`);
    at.appendChild(d);
    at = d;
  }
  at.textContent = 'The bottom of a very deep page.';
  return doc;
}

/** About `nodes` nodes: an article plus a wide, shallow grid of small cards. */
function wide(nodes: number): Document {
  const doc = page(article());
  const grid = doc.createElement('div');
  grid.setAttribute('class', 'grid');
  doc.body.appendChild(grid);
  // each card: div > (a > text) + (span > text) = 5 nodes
  for (let i = 0; i < nodes / 5; i++) {
    const card = doc.createElement('div');
    card.setAttribute('class', 'card');
    const a = doc.createElement('a');
    a.setAttribute('href', `/story/${i}`);
    a.textContent = `Story ${i}`;
    const s = doc.createElement('span');
    s.textContent = `tag ${i % 13}`;
    card.append(a, s);
    grid.appendChild(card);
  }
  return doc;
}

/** 5 MB of text: an article of long paragraphs. */
function bigText(bytes: number): Document {
  const sentence = 'The committee heard evidence from residents about the flooding on the lower road, and promised a report. ';
  const perPara = sentence.repeat(20); // ~2 KB
  const n = Math.ceil(bytes / perPara.length);
  const ps: string[] = [];
  for (let i = 0; i < n; i++) ps.push(`<p>${perPara}</p>`);
  return page(`<article><h1>A very long report</h1>${ps.join('')}</article>`);
}

/** The same figure 1,000 times inside an article. */
function figures(count: number): Document {
  const fig = `<figure class="inline-image"><img src="https://img.example.com/a.jpg" alt="The river"><figcaption>The river at dawn. Photo: Jane Doe / Example News</figcaption></figure>`;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(fig);
    if (i % 50 === 0) parts.push(para(i));
  }
  return page(`<article><h1>Pictures of the river</h1>${parts.join('')}</article>`);
}

/** An article followed by `count` text-only divs in one container (a late-loaded feed): Readability
 * turns each into a new <p>, which the engine traces back to the page by its text. */
function flatFeed(count: number): Document {
  const items: string[] = [];
  for (let i = 0; i < count; i++) items.push(`<div>Late block number ${i}, with some text of its own</div>`);
  return page(`<main>${article()}${items.join('')}</main>`);
}

/** 30 boxes of forty a's and a "!": `/^(a+)+$/` backtracks 2^40 times on each in the browser's matcher. */
function aaaBoxes(): Document {
  return page(`${article()}${Array.from({ length: 30 }, () => `<div class="box">${'a'.repeat(40)}!</div>`).join('')}`);
}

/** A list of `count` rows, each a few divs deep. */
function rowList(count: number): Document {
  const rows = Array.from({ length: count }, (_, i) => `<div class="row"><div><div><div><span>Row ${i}</span></div></div></div></div>`);
  return page(`${article()}<div class="rows">${rows.join('')}</div>`);
}

function countNodes(doc: Document): number {
  let n = 0;
  const stack: Node[] = [doc.documentElement];
  while (stack.length) {
    const node = stack.pop()!;
    n++;
    for (let c = node.firstChild; c; c = c.nextSibling) stack.push(c);
  }
  return n;
}

const cases: Case[] = [
  { name: '10,000 levels of nesting', budgetMs: 2_000, build: () => deep(10_000) },
  { name: '200,000 nodes', budgetMs: 2_000, build: () => wide(200_000) },
  { name: '~39,000 elements (just under MAX_READABILITY_ELEMENTS)', budgetMs: 3_000, build: () => wide(65_000) },
  { name: '5 MB of text', budgetMs: 2_000, build: () => bigText(5_000_000) },
  { name: '1,000 identical figures', budgetMs: 1_500, build: () => figures(1_000) },
  { name: '2,000 text-only divs in one container', budgetMs: 1_000, build: () => flatFeed(2_000) },
  {
    name: 'a rule div.box:has-text(/^(a+)+$/) on 30 boxes of forty a\'s and a "!"',
    budgetMs: 1_000,
    build: aaaBoxes,
    sites: rules({ selector: 'div.box', hasText: '/^(a+)+$/' }),
  },
  {
    name: 'a rule div:has(~ div div div):has(~ div div div div) on 3,000 rows',
    budgetMs: 1_000,
    build: () => rowList(3_000),
    sites: rules({ selector: 'div:has(~ div div div):has(~ div div div div)' }),
  },
];

const only = process.argv[2];
const rows: string[][] = [];
let failures = 0;
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  let doc: Document;
  try {
    doc = c.build();
  } catch (e) {
    rows.push([c.name, '-', '-', '-', `build failed: ${e instanceof Error ? e.message : String(e)}`, '-', `${c.budgetMs}`, 'no']);
    failures++;
    continue;
  }
  const nodes = countNodes(doc);
  const t0 = performance.now();
  let ms: number;
  let cliMs = '-';
  let blocks = '-';
  let notes = '';
  try {
    // As the CLI does it: the engine, then its blocks hidden, the visible text, the JSON line.
    const { report, line } = stripPage(doc, c.name, c.sites ? { sites: c.sites, url: `https://${RULES_HOST}/news/1` } : {}, true);
    cliMs = (performance.now() - t0).toFixed(0);
    JSON.parse(line);
    ms = report.timings.total;
    blocks = String(report.blocks.length);
    const parts = [...report.errors.map((e) => `error ${e.source}: ${e.message}`), ...(report.notes ?? [])];
    notes = parts.join('; ') || '-';
    if (process.env.TIMINGS) notes += ` [r ${report.timings.readability.toFixed(0)} f ${report.timings.find.toFixed(0)} d ${report.timings.decide.toFixed(0)}]`;
  } catch (e) {
    ms = performance.now() - t0;
    notes = `THREW: ${e instanceof Error ? e.message : String(e)}`;
  }
  const ok = !notes.startsWith('THREW') && Number(cliMs) <= c.budgetMs;
  if (!ok) failures++;
  rows.push([c.name, nodes.toLocaleString('en'), ms.toFixed(0), blocks, notes, cliMs, c.budgetMs.toLocaleString('en'), ok ? 'yes' : 'NO']);
}

/**
 * A page that mutates 1,000 times a second for 2 s, watched as the content script watches pages
 * (lib/watcher.ts, its default options): the observer must stay rate-limited — at most one engine
 * run per batch interval, and no more engine time in all than the watcher's budget.
 */
async function storm(): Promise<string[]> {
  const name = 'a page mutating 1,000 times a second (2 s)';
  const { document, MutationObserver } = parseHTML(`<!doctype html><html><head><title>Storm</title></head><body><main>${article(12)}</main></body></html>`);
  const doc = document as unknown as Document;
  let runs = 0;
  let engineMs = 0;
  const watcher = new LateBlockWatcher(
    doc.body,
    textBearing(20, '[data-declutter-hidden]'),
    () => {
      const t = performance.now();
      analyze(doc);
      engineMs += performance.now() - t;
      runs++;
    },
    {},
    undefined,
    MutationObserver as unknown as typeof globalThis.MutationObserver,
  );
  const { batchMs, budgetMs } = watcher.options;
  watcher.start();
  const main = doc.querySelector('main')!;
  const t0 = performance.now();
  let inserted = 0;
  while (inserted < 2_000) {
    const due = Math.min(2_000, Math.floor(performance.now() - t0)) - inserted;
    for (let i = 0; i < due; i++) {
      const div = doc.createElement('div');
      div.textContent = `Late block number ${inserted++}, with enough text to count`;
      main.appendChild(div);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await new Promise((r) => setTimeout(r, batchMs * 2));
  watcher.stop();
  const elapsed = performance.now() - t0;
  const ok = runs <= Math.ceil(elapsed / batchMs) && engineMs <= budgetMs + 500;
  if (!ok) failures++;
  const note = `${inserted.toLocaleString('en')} insertions, ${runs} engine runs (at most one per ${batchMs} ms), ${engineMs.toFixed(0)} ms of engine time (budget ${budgetMs} ms)`;
  return [name, countNodes(doc).toLocaleString('en'), elapsed.toFixed(0), '-', note, '-', budgetMs.toLocaleString('en'), ok ? 'yes' : 'NO'];
}
if (!only || 'mutating'.includes(only)) rows.push(await storm());

const header = ['case', 'nodes', 'engine ms', 'blocks', 'errors/notes', 'CLI path ms', 'budget ms', 'within budget'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`\nBudgets: linkedom under Node ${process.version}; ${failures === 0 ? 'all cases within budget' : `${failures} case(s) over budget or failed`}.`);

// The content script's first look at a page (what its early stylesheet must never hide) walks up
// from each paragraph: MAX_SPINE_PARAGRAPHS bounds that walk on a page of very many.
{
  const doc = page(`${'<div class="level">'.repeat(40)}${Array.from({ length: 100_000 }, (_, i) => para(i)).join('')}${'</div>'.repeat(40)}`);
  const time = (max: number) => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      pageSpine(doc, max);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  const bounded = time(MAX_SPINE_PARAGRAPHS);
  const unbounded = time(Infinity);
  console.log(
    `\nThe page's spine on 100,000 paragraphs 40 levels deep: ${bounded.toFixed(1)} ms counting the first ${MAX_SPINE_PARAGRAPHS} (MAX_SPINE_PARAGRAPHS), ${unbounded.toFixed(1)} ms counting all (${(unbounded / bounded).toFixed(1)}× the time).`,
  );
}

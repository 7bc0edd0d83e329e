/**
 * docs/benchmarks.md and docs/benchmarks.svg from benchmark results: pure functions of a results
 * object (scripts/bench-docs.ts runs the benchmarks and writes the files).
 */
import type { CorpusResult } from './bench';
import type { BrowserCorpusResult, RevisitResult } from './bench-browser';
import { formatTable } from './bench';
import { LONG_TASK_LIMIT_MS, READ_BEFORE, formatBrowserTable, formatShiftTable, shiftVerdict } from './bench-browser';

export interface Machine {
  cpus: number;
  cpuModel: string;
  os: string;
  node: string;
  chromium: string;
}

export interface DocsInput {
  /** When the benchmarks ran (ISO 8601). */
  date: string;
  machine: Machine;
  /** The command that made the files. */
  command: string;
  /** scripts/bench.ts, one result per corpus. */
  node: CorpusResult[];
  /** scripts/bench-browser.ts. */
  browser: { corpora: BrowserCorpusResult[]; all: BrowserCorpusResult; limit?: number; repeat?: number; revisits?: RevisitResult };
}

/** Pages over the long-task limit listed by name, the longest first. */
export const MAX_LISTED = 20;

const f1 = (n: number) => n.toFixed(1);
const f3 = (n: number) => n.toFixed(3);

export function renderMarkdown(d: DocsInput): string {
  const m = d.machine;
  const b = d.browser;
  const over = b.all.over;
  const limit = b.limit ? ` (the first ${b.limit} pages of each corpus)` : '';
  const repeat = (b.repeat ?? 1) > 1 ? ` Each page was loaded ${b.repeat} times; each figure is the lowest of them.` : '';
  const lines = [
    '# Benchmarks',
    '',
    `Made by \`${d.command}\` on ${d.date.slice(0, 10)}: ${m.cpus} × ${m.cpuModel}, ${m.os}, Node ${m.node}, ${m.chromium}. ` +
      'Run the command again to bring this page and its chart up to date.',
    '',
    '![Article-text F1 and median time per page: the engine against Readability alone, per corpus, under Node and in Chromium](benchmarks.svg)',
    '',
    '## Article text and engine time (Node, linkedom)',
    '',
    "The engine's article text and Readability's alone on the same pages in the same run (`npm run bench`): fundus by " +
      'bag-of-words P/R/F per page, averaged; trafilatura by pooled snippet P/R/F (see `../shared/corpus/README.md`). Time ' +
      'per page: the engine (`analyze`, parsing excluded) against Readability alone on a clone of the same document, each ' +
      'the fastest of 3 interleaved runs after a warm-up (warm JIT).',
    '',
    formatTable(d.node),
    '',
    '## In the browser (Chromium, the built extension)',
    '',
    `\`npm run bench:browser\`${limit}: each corpus page is loaded in Chromium with the extension, from 127.0.0.1, with ` +
      "`Content-Security-Policy: script-src 'none'` (the page's HTML unchanged, none of its scripts run; the content " +
      "script is not subject to the page's CSP). Pages of sites with built-in rules keep their host name and get their rules; " +
      'every other page gets a host of its own, so each page has a fresh renderer, as when going from site to site. The engine ' +
      "runs in the extension's background on the page's markup (`lib/snapshot.ts`); on the page's main thread the content " +
      "script serializes the page and, when the answer lands, checks each block and hides it. The content script's time is " +
      "the sum of the spans it records of its own work on the main thread (`lib/perf.ts`: its modules' evaluation, its " +
      'start with the early stylesheet, the run at DOM ready, the answer, the recheck 1.5 s after load of a page that was not an article at DOM ' +
      "ready, late runs); the engine's time in the background and the wait from DOM ready until the blocks are hidden are " +
      'given beside it. Readability alone ' +
      'runs afterwards in an isolated world of the same page, on `document.cloneNode(true)`, timed the same way. Both run ' +
      'once per page, in a fresh world: a cold JIT, as on a real visit. Long tasks come from a `PerformanceObserver` for ' +
      '`longtask` set up at document start; the longest task that overlaps a span of the content script holds its work, ' +
      "with whatever else ran in that task (the content script starts at document_end, so none of its work is in the page's parsing; a site with built-in rules gets a CSS file from the browser at document_start), so the " +
      "script's own part of it is given too; a task over 100 ms that would be under 100 ms without the script's spans is " +
      `one the script's work took over the limit.${repeat}`,
    '',
    formatBrowserTable(b),
    '',
    over.length
      ? `Pages with a task over ${LONG_TASK_LIMIT_MS} ms holding content-script work (task, the content script's own time in it, its longest span, the page's elements, the outcome):`
      : `No page has a task over ${LONG_TASK_LIMIT_MS} ms holding content-script work.`,
    '',
    ...over
      .slice(0, MAX_LISTED)
      .map((o) => `- \`${o.file}\`: ${f1(o.task)} ms (the script's ${f1(o.own)} ms, span ${f1(o.span)} ms), ${o.elements} elements, ${o.status}`),
    ...(over.length > MAX_LISTED ? [`- … and ${over.length - MAX_LISTED} more (\`npm run bench:browser -- --json\` lists every page)`] : []),
    ...(over.length ? [''] : []),
    ...(b.all.errors.length ? ['Pages that could not be measured:', '', ...b.all.errors.map((e) => `- ${e}`), ''] : []),
    // Results saved before layout shift was measured have none.
    ...(b.all.shift
      ? [
          '### Layout shift',
          '',
          "The layout shift our hiding causes: each page's cumulative layout shift (a `PerformanceObserver` for `layout-shift`, buffered, set up at " +
            "document start in the bench's world; shifts after input left out; the largest session window, as Chrome counts it), read " +
            "once the content script has settled and the frame has been shown, with the extension, less the same page's in Chromium " +
            "without it (loaded only where the first is above 0; the pages' scripts are off there too). First visits: the pages above, " +
            'each on a host of its own in one profile, nothing learned. Revisits: the pages of each site with at least two other corpus pages ' +
            '(the fewest the extension learns from; fundus by site and `sites/`), each in a fresh profile, then in another fresh profile after ' +
            `up to ${READ_BEFORE} other pages of its site, from which the extension learns while browsing where the build does. Target: 0 on revisits.`,
          '',
          formatShiftTable(b),
          '',
          shiftVerdict(b.revisits),
          '',
        ]
      : []),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

// ---- SVG ----

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A round upper bound for an axis: 1, 2 or 5 × 10^k at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

interface Group {
  label: string;
  sub?: string;
  engine: number;
  readability: number;
}

interface Panel {
  title: string;
  note: string;
  groups: Group[];
  max: number;
  format: (n: number) => string;
}

const W = 880;
const PANEL_H = 250;
const TOP = 84;

function panel(p: Panel, x0: number, width: number): string {
  const out: string[] = [];
  const plotTop = TOP + 62;
  const plotH = PANEL_H - 114;
  const base = plotTop + plotH;
  const left = x0 + 8;
  const right = x0 + width - 8;
  out.push(`<text class="title" x="${x0 + 8}" y="${TOP + 14}">${esc(p.title)}</text>`);
  out.push(`<text class="muted" x="${x0 + 8}" y="${TOP + 32}">${esc(p.note)}</text>`);
  for (const k of [0, 0.5, 1]) {
    const y = base - k * plotH;
    out.push(`<line class="${k === 0 ? 'axis' : 'grid'}" x1="${left}" x2="${right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}"/>`);
    if (k > 0) out.push(`<text class="muted" x="${right}" y="${(y - 4).toFixed(1)}" text-anchor="end">${String(+(k * p.max).toPrecision(3))}</text>`);
  }
  const gw = (right - left) / Math.max(1, p.groups.length);
  const bw = Math.min(34, gw / 3.2);
  p.groups.forEach((g, i) => {
    const cx = left + gw * (i + 0.5);
    [
      ['engine', g.engine, cx - bw - 2],
      ['readability', g.readability, cx + 2],
    ].forEach(([cls, v, x]) => {
      const value = v as number;
      const h = Math.max(0, Math.min(1, value / p.max)) * plotH;
      out.push(`<rect class="${cls}" x="${(x as number).toFixed(1)}" y="${(base - h).toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" rx="2"/>`);
      out.push(
        `<text class="value" x="${((x as number) + bw / 2).toFixed(1)}" y="${(base - h - 5).toFixed(1)}" text-anchor="middle">${esc(p.format(value))}</text>`,
      );
    });
    out.push(`<text class="label" x="${cx.toFixed(1)}" y="${base + 18}" text-anchor="middle">${esc(g.label)}</text>`);
    if (g.sub) out.push(`<text class="muted" x="${cx.toFixed(1)}" y="${base + 34}" text-anchor="middle">${esc(g.sub)}</text>`);
  });
  return out.join('\n');
}

export function renderSvg(d: DocsInput): string {
  const byName = new Map(d.browser.corpora.map((c) => [c.name, c]));
  const quality: Panel = {
    title: 'Article-text F1 (higher is better)',
    note: 'fundus: words per page, averaged; trafilatura: pooled snippets',
    groups: d.node.map((r) => ({ label: r.name, sub: `${r.pages} pages`, engine: r.engine.f, readability: r.readability.f })),
    max: 1,
    format: f3,
  };
  const timeGroups: Group[] = [];
  for (const r of d.node) {
    timeGroups.push({ label: r.name, sub: 'Node, warm', engine: r.engineMs.median, readability: r.readabilityMs.median });
    const c = byName.get(r.name);
    if (c) timeGroups.push({ label: r.name, sub: 'Chromium, cold', engine: c.contentScript.median, readability: c.readability.median });
  }
  for (const c of d.browser.corpora) {
    if (!d.node.some((r) => r.name === c.name))
      timeGroups.push({ label: c.name, sub: 'Chromium, cold', engine: c.contentScript.median, readability: c.readability.median });
  }
  const time: Panel = {
    title: 'Median time per page, ms (lower is better)',
    note: 'Node: analyze(); Chromium: the whole content script',
    groups: timeGroups,
    max: niceMax(Math.max(...timeGroups.flatMap((g) => [g.engine, g.readability]))),
    format: f1,
  };
  const h = TOP + PANEL_H + 8;
  const qw = 300;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" role="img" aria-labelledby="t d">
<title id="t">Declutter News benchmarks</title>
<desc id="d">${esc(
    `Article-text F1 and median time per page of the engine and of Readability alone, per corpus. ${d.node
      .map(
        (r) =>
          `${r.name}: F1 ${f3(r.engine.f)} against ${f3(r.readability.f)}, ${f1(r.engineMs.median)} ms against ${f1(r.readabilityMs.median)} ms under Node`,
      )
      .join('; ')}; ${d.browser.corpora
      .map((c) => `${c.name} in Chromium: content script ${f1(c.contentScript.median)} ms against Readability alone ${f1(c.readability.median)} ms`)
      .join('; ')}.`,
  )}</desc>
<style>
  .card { fill: #ffffff; stroke: #d0d7de; }
  text { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; fill: #1f2328; font-size: 12px; }
  .h1 { font-size: 16px; font-weight: 600; }
  .title { font-size: 13px; font-weight: 600; }
  .muted { fill: #59636e; font-size: 11px; }
  .value { font-size: 11px; font-variant-numeric: tabular-nums; }
  .label { font-size: 12px; }
  .grid { stroke: #d0d7de; stroke-dasharray: 2 3; }
  .axis { stroke: #8c959f; }
  .engine { fill: #0969da; }
  .readability { fill: #afb8c1; }
  @media (prefers-color-scheme: dark) {
    .card { fill: #0d1117; stroke: #30363d; }
    text { fill: #e6edf3; }
    .muted { fill: #9198a1; }
    .grid { stroke: #30363d; }
    .axis { stroke: #656c76; }
    .engine { fill: #4493f8; }
    .readability { fill: #656c76; }
  }
</style>
<rect class="card" x="0.5" y="0.5" width="${W - 1}" height="${h - 1}" rx="8"/>
<text class="h1" x="20" y="32">Declutter News against Readability alone</text>
<text class="muted" x="20" y="52">${esc(`${d.date.slice(0, 10)} · ${d.machine.cpus} CPUs · Node ${d.machine.node} · ${d.machine.chromium}`)}</text>
<rect class="engine" x="${W - 300}" y="22" width="12" height="12" rx="2"/><text x="${W - 282}" y="32">engine / content script</text>
<rect class="readability" x="${W - 140}" y="22" width="12" height="12" rx="2"/><text x="${W - 122}" y="32">Readability alone</text>
${panel(quality, 12, qw)}
${panel(time, 12 + qw + 16, W - qw - 40)}
</svg>
`;
}

/**
 * bench:early — how often the early style (the user's plain-CSS rules and learned rules, put in
 * by the document_start script after one storage read: entrypoints/early.content.ts) is in before
 * the page's first paint, on a page that comes at once from 127.0.0.1 (the hardest case: nothing
 * holds the parser back while the read is on its way).
 *
 *   npm run bench:early -- [--loads N]
 *
 * (`npm run bench:early` builds the extension first.) Chromium with the built extension, a user's
 * rule for `bench.test` (so each page, `p<N>.bench.test`, reads its own key and then its parent
 * domain's, as a subdomain's page does), one fresh host per load. The page's own inline script in
 * <head> notes when the early <style> is there (at once if it came first, else by a
 * MutationObserver); the browser's `first-contentful-paint` entry says when the page first painted.
 * Prints how many loads had the style in before that paint, and the times from navigation start.
 */
import { cpus } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchExtension } from './bench-browser';

/** The extension API, as seen by code evaluated in the service worker. */
declare const chrome: (typeof import('wxt/browser'))['browser'];

const SITE = 'bench.test';
const DEFAULT_LOADS = 40;

const para = (n: number) =>
  `<p>Paragraph ${n}: the council met on Tuesday evening and argued for hours about the budget, the roads and the new library before it voted late at night.</p>`;
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council passes budget</title>
<script>
window.__earlyAt = document.getElementById('declutter-early-style') ? performance.now() : null;
if (window.__earlyAt === null) new MutationObserver(function (_, o) {
  if (document.getElementById('declutter-early-style')) { window.__earlyAt = performance.now(); o.disconnect(); }
}).observe(document, { childList: true, subtree: true });
</script></head><body><main><article><h1>Council passes budget after a long night</h1>
${para(1)}<div class="house-promo"><p>Try our puzzles and games, new every day of the week</p></div>
${Array.from({ length: 20 }, (_, i) => para(i + 2)).join('\n')}
</article></main></body></html>`;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--loads');
  const loads = at >= 0 ? Number(argv[at + 1]) : DEFAULT_LOADS;
  if (!Number.isInteger(loads) || loads < 1) {
    process.stderr.write('usage: npm run bench:early -- [--loads N]\n');
    return 2;
  }
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(PAGE);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const browser = await launchExtension('declutter-bench-early-');
  try {
    await browser
      .worker()
      .evaluate((site) => chrome.storage.local.set({ userRules: { [site]: [{ selector: '.house-promo', kind: 'ad', at: 1, from: 'options' }] } }), SITE);
    const until = Date.now() + 10_000;
    while (!(await browser.worker().evaluate((k) => chrome.storage.local.get(k), `early:${SITE}`))[`early:${SITE}`]) {
      if (Date.now() > until) throw new Error('the background wrote no early style');
      await new Promise((r) => setTimeout(r, 50));
    }
    const rows: { early: number | null; paint: number | null; parsed: number }[] = [];
    for (let i = 0; i < loads; i++) {
      const page = await browser.context.newPage();
      await page.goto(`http://p${i}.${SITE}:${port}/news/budget/`, { waitUntil: 'load' });
      // The paint entry is there once the page has painted.
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 5_000 }).catch(() => {});
      rows.push(
        await page.evaluate(() => ({
          early: (window as unknown as { __earlyAt: number | null }).__earlyAt,
          paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
          parsed: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
        })),
      );
      await page.close();
    }
    const both = rows.filter((r): r is { early: number; paint: number; parsed: number } => r.early !== null && r.paint !== null);
    const whileParsing = both.filter((r) => r.early <= r.parsed).length;
    const before = both.filter((r) => r.early <= r.paint).length;
    const ms = (x: number) => x.toFixed(1);
    const line = (name: string, xs: number[]) =>
      `  ${name.padEnd(40)} median ${ms(quantile(xs, 0.5))}  p90 ${ms(quantile(xs, 0.9))}  max ${ms(Math.max(...xs))}`;
    process.stdout.write(
      [
        `Early style in before the first contentful paint: ${before}/${rows.length} loads (${((100 * before) / rows.length).toFixed(0)} %)` +
          `${rows.length - both.length ? `; ${rows.length - both.length} loads without a style or a paint entry` : ''}`,
        `… while the page still parsed: ${whileParsing}/${rows.length}`,
        'ms from navigation start:',
        line(
          'early style in',
          both.map((r) => r.early),
        ),
        line(
          'first contentful paint',
          both.map((r) => r.paint),
        ),
        line(
          'paint − style in (negative: painted first)',
          both.map((r) => r.paint - r.early),
        ),
        `Chromium ${browser.context.browser()?.version() ?? ''}, ${cpus().length} CPUs, Node ${process.version}`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);

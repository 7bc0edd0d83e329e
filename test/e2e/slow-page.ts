/**
 * A page served slowly, for the early-style browser tests (test/e2e/early-user-rules.e2e.ts, and
 * test/e2e-firefox/early.e2e.ts): an article with a block a user's rule names (`.house-promo`) and
 * one it does not, sent at once, and the end of its body HOLD_MS later. The page's own inline
 * script records what it shows as the first chunk is parsed, half-way through the hold (the parser
 * waiting for the tail) and at DOMContentLoaded from a capturing listener on window (before any
 * content script's), and when the early <style> came in.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long the server holds the end of the body. */
export const HOLD_MS = 2_000;
export const PARAGRAPHS = ['para-1', 'para-2', 'para-3', 'para-4'];

/**
 * When the page records what it shows: as the first chunk is parsed, half-way through the hold
 * (the parser waiting for the tail), and at DOMContentLoaded.
 */
export type When = 'parsing' | 'loading' | 'domContentLoaded';

export interface Seen {
  t: number;
  readyState: string;
  /** The document_start script's style, and the content script's stylesheet. */
  early: boolean;
  siteStyle: boolean;
  promo: string;
  other: string;
  paragraphs: Record<string, boolean>;
}

const para = (n: number) =>
  `<p id="para-${n}">Paragraph ${n}: the council met on Tuesday evening and argued for hours about the budget, the roads and the new library before it voted late at night.</p>`;

export const HEAD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council passes budget after a long night</title>
<script>
window.__seen = {};
function record(when) {
  var paragraphs = {};
  ${JSON.stringify(PARAGRAPHS)}.forEach(function (id) {
    var el = document.getElementById(id);
    paragraphs[id] = getComputedStyle(el).display !== 'none' && el.checkVisibility();
  });
  window.__seen[when] = { t: performance.now(), readyState: document.readyState,
    early: !!document.getElementById('declutter-early-style'), siteStyle: !!document.getElementById('declutter-site-style'),
    promo: getComputedStyle(document.getElementById('promo')).display, other: getComputedStyle(document.getElementById('other')).display,
    paragraphs: paragraphs };
}
window.addEventListener('DOMContentLoaded', function () { record('domContentLoaded'); }, true);
// When the early style came in, and when the page first painted.
window.__earlyAt = document.getElementById('declutter-early-style') ? performance.now() : null;
new MutationObserver(function (_, o) {
  if (document.getElementById('declutter-early-style')) { window.__earlyAt = performance.now(); o.disconnect(); }
}).observe(document, { childList: true, subtree: true });
setTimeout(function () { record('loading'); }, ${HOLD_MS / 2});
</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Council passes budget after a long night</h1><div class="story-body">
${para(1)}
${para(2)}
<div class="house-promo" id="promo"><p>Try our puzzles and games, new every day of the week</p></div>
${para(3)}
<div class="house-note" id="other"><p>Corrections: write to the editor at the address below</p></div>
${para(4)}
</div></article></main>
<script>record('parsing');</script>
`;
/** Well past the parser's first chunk, so the article is parsed before the tail arrives. */
export const SPACER = `<!--${' '.repeat(4096)}-->\n`;
export const TAIL = `<footer><p>© Example Local News</p></footer>
</body></html>`;

/** The path the page is served at (any host, any query). */
export const SLOW_PATH = '/news/budget/';

/** Serves the page at SLOW_PATH on 127.0.0.1, its tail HOLD_MS after the rest. */
export async function serveSlow(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== SLOW_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.write(`${HEAD}${SPACER}`);
    setTimeout(() => res.end(TAIL), HOLD_MS);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

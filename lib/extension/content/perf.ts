/**
 * The content script's main-thread spans: how long each piece of its work took, timed with
 * `performance.now()` — its modules' evaluation, its start (the early stylesheet), the run when the
 * DOM is ready, the recheck after load, each late run of the watcher, each change of settings.
 *
 * The list lives in the content script's own world, as `globalThis.declutterPerf.spans`: the page
 * cannot see it (an isolated world's globals are its own). `npm run bench:browser` reads it over the
 * DevTools protocol. Recording a span costs two clock reads and a push.
 */

export interface Span {
  /**
   * What ran: `load` (the script's modules evaluated, up to its start), `start`, `dom-ready`,
   * `recheck`, `late`, `settings`; `answer` when the background's analysis lands and its blocks
   * are checked and hidden; `snapshot`, each slice of a compact snapshot after its first (a page
   * over MAX_SNAPSHOT_CHARS, lib/extension/content/snapshot.ts).
   */
  name: string;
  /** performance.now() when it began (ms since the page's time origin). */
  start: number;
  ms: number;
}

export const PERF_KEY = 'declutterPerf';

/** Spans kept per page: a page lives long, and the watcher and settings add spans as it does. */
export const MAX_SPANS = 200;

function clock(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * When this module was evaluated. The content script imports it first, so this is when its
 * bundle's modules began to run: `recordSince('load', EVALUATED_AT)` spans their evaluation.
 */
export const EVALUATED_AT = clock();

/** Records a span from `start` until now. */
export function recordSince(name: string, start: number): void {
  const list = spans();
  if (list.length >= MAX_SPANS) list.shift();
  list.push({ name, start, ms: clock() - start });
}

/** What the benchmark reads: the spans, and how the engine's runs went (lib/cleaner.ts `runs`). */
export interface PerfRecord {
  spans: Span[];
  runs?: { sent: number; remote: number; local: number; mismatched: number; skipped?: number };
}

/** This world's record (made on first use). */
export function perfRecord(): PerfRecord {
  const g = globalThis as unknown as Record<string, PerfRecord | undefined>;
  return (g[PERF_KEY] ??= { spans: [] });
}

/** This world's span list. */
export function spans(): Span[] {
  return perfRecord().spans;
}

/** Runs `fn` and records how long it took under `name`; returns what `fn` returns. */
export function timed<T>(name: string, fn: () => T): T {
  const start = clock();
  try {
    return fn();
  } finally {
    recordSince(name, start);
  }
}

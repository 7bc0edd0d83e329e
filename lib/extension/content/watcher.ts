/**
 * Catches blocks a page inserts after load (lazy sign-up prompts, carousels loaded on scroll)
 * without ever loading the page:
 *
 *   batched        insertions are collected and handled together, `batchMs` after the first one
 *   time-budgeted  a batch that took t ms is followed by a pause of at least t × `spacing`, and all
 *                  batches together may take `budgetMs`; past that the watcher stops for good. A
 *                  batch's work done later, outside `handle` (the background's answer checked and
 *                  hidden, a run of the engine on the page), is `charge`d to the same budget
 *   on request     `request` asks for a batch as an insertion would (a look again, once an answer
 *                  on its way has landed), under the same pauses and budget
 *   quiet stop     with no relevant insertion for `quietMs` the watcher stops; `rearm` (on scroll)
 *                  starts it again while budget is left
 *
 * Only element insertions count, and only those `isRelevant` accepts (text-bearing elements
 * outside blocks already hidden): an ad slot refreshing inside a hidden ad costs nothing.
 */

export interface WatchOptions {
  batchMs: number;
  quietMs: number;
  budgetMs: number;
  maxBatches: number;
  spacing: number;
}

export const DEFAULT_WATCH: WatchOptions = {
  batchMs: 250,
  quietMs: 20_000,
  budgetMs: 2_000,
  maxBatches: 60,
  spacing: 10,
};

export type StopReason = 'quiet' | 'budget' | 'stopped';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Tags whose insertion never brings a visible block of text. */
const IGNORED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'LINK',
  'META',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'IMG',
  'PICTURE',
  'SOURCE',
  'VIDEO',
  'AUDIO',
  'CANVAS',
  'SVG',
  'BR',
  'HR',
]);

/** A default relevance test: an element with some text, or a form, that is not inside `skipInside`. */
export function textBearing(minChars: number, skipInside: string): (el: Element) => boolean {
  return (el) => {
    if (IGNORED_TAGS.has(el.tagName.toUpperCase())) return false;
    if (skipInside && el.closest(skipInside)) return false;
    if (el.querySelector('input, button, form')) return true;
    return (el.textContent ?? '').trim().length >= minChars;
  };
}

export class LateBlockWatcher {
  readonly options: WatchOptions;
  /** Time spent in `handle` and `charge`d, all batches together (ms). */
  spent = 0;
  batches = 0;
  stopReason: StopReason | null = 'stopped';
  private observer: MutationObserver | null = null;
  private batchTimer: unknown = null;
  private quietTimer: unknown = null;
  private nextAllowed = 0;
  private pending = false;

  constructor(
    private readonly target: Node,
    private readonly isRelevant: (el: Element) => boolean,
    private readonly handle: () => void,
    options: Partial<WatchOptions> = {},
    private readonly clock: Clock = realClock,
    private readonly Observer: typeof MutationObserver = MutationObserver,
  ) {
    this.options = { ...DEFAULT_WATCH, ...options };
  }

  get running(): boolean {
    return this.stopReason === null;
  }

  get exhausted(): boolean {
    return this.spent >= this.options.budgetMs || this.batches >= this.options.maxBatches;
  }

  start(): void {
    if (this.running || this.exhausted) return;
    this.stopReason = null;
    this.observer = new this.Observer((records) => this.onRecords(records));
    this.observer.observe(this.target, { childList: true, subtree: true });
    this.armQuiet();
  }

  /** What is left of the time budget (ms). */
  get remaining(): number {
    return Math.max(0, this.options.budgetMs - this.spent);
  }

  /**
   * Work a batch caused outside `handle`, once it is done (ms): it counts against the budget and
   * lengthens the pause before the next batch, as if `handle` had taken it.
   */
  charge(ms: number): void {
    if (!(ms > 0)) return;
    this.spent += ms;
    this.nextAllowed = Math.max(this.nextAllowed, this.clock.now() + ms * this.options.spacing);
    if (this.running && this.exhausted) this.stop('budget');
  }

  /** Asks for a batch, as a relevant insertion would: after `batchMs` and the pause, while budget is left. */
  request(): void {
    if (!this.running || this.pending) return;
    this.schedule();
  }

  /** Starts again after a quiet stop (the reader scrolled: more may load). */
  rearm(): void {
    if (this.stopReason === 'quiet') this.start();
  }

  stop(reason: StopReason = 'stopped'): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.batchTimer !== null) this.clock.clearTimeout(this.batchTimer);
    if (this.quietTimer !== null) this.clock.clearTimeout(this.quietTimer);
    this.batchTimer = this.quietTimer = null;
    this.pending = false;
    if (this.stopReason === null || reason !== 'stopped') this.stopReason = reason;
  }

  private armQuiet(): void {
    if (this.quietTimer !== null) this.clock.clearTimeout(this.quietTimer);
    this.quietTimer = this.clock.setTimeout(() => {
      this.quietTimer = null;
      if (!this.pending) this.stop('quiet');
    }, this.options.quietMs);
  }

  private onRecords(records: MutationRecord[]): void {
    if (this.pending) return;
    let relevant = false;
    outer: for (const r of records) {
      for (const node of Array.from(r.addedNodes)) {
        if (node.nodeType === 1 && (node as Element).isConnected && this.isRelevant(node as Element)) {
          relevant = true;
          break outer;
        }
      }
    }
    if (!relevant) return;
    this.schedule();
  }

  private schedule(): void {
    this.pending = true;
    this.armQuiet();
    const wait = Math.max(this.options.batchMs, this.nextAllowed - this.clock.now());
    this.batchTimer = this.clock.setTimeout(() => this.runBatch(), wait);
  }

  private runBatch(): void {
    this.batchTimer = null;
    this.pending = false;
    if (!this.running) return;
    // Our own changes (attributes only) are not observed, but take the records anyway so a
    // batch never triggers itself.
    const t0 = this.clock.now();
    try {
      this.handle();
    } finally {
      const took = this.clock.now() - t0;
      this.observer?.takeRecords();
      this.spent += took;
      this.batches++;
      this.nextAllowed = this.clock.now() + took * this.options.spacing;
      if (this.exhausted) this.stop('budget');
      else this.armQuiet();
    }
  }
}

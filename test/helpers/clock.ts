/** A clock for the LateBlockWatcher whose time moves only when told; due timers fire in order. */
import type { Clock } from '../../lib/extension/content/watcher';

/** Lets linkedom's MutationObserver (microtasks) and promise chains run. */
export const tick = () => new Promise<void>((r) => setImmediate(r));

export class FakeClock implements Clock {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  /** Fires the timers due up to `end`, then lets what they started run. */
  async runUntil(end: number) {
    for (;;) {
      await tick();
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > end) break;
      this.timers.shift();
      this.t = due.at;
      due.fn();
    }
    this.t = Math.max(this.t, end);
    await tick();
  }
  advance(ms: number) {
    return this.runUntil(this.t + ms);
  }
  get pending() {
    return this.timers.length;
  }
}

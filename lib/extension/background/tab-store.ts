/**
 * The background's per-tab states, kept in memory and in session storage so they survive the
 * service worker being stopped and started again (session storage lives as long as the browser).
 * Writes for one tab happen in the order they were asked for.
 */
import { parseTabState, type TabState } from '../messages';

/** The part of a storage area the store uses (browser.storage.session, or a fake in tests). */
export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const keyOf = (tabId: number) => `tab:${tabId}`;

export class TabStore {
  private cache = new Map<number, TabState | null>();
  private queues = new Map<number, Promise<unknown>>();
  private starts = new Map<number, number>();

  constructor(private readonly area: StorageAreaLike | null) {}

  /** Runs `job` after the jobs queued before it for the same tab. */
  private queue<T>(tabId: number, job: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(tabId) ?? Promise.resolve();
    const next = prev.then(job, job);
    const tail = next.catch(() => {});
    this.queues.set(tabId, tail);
    void tail.then(() => {
      if (this.queues.get(tabId) === tail) this.queues.delete(tabId);
    });
    return next;
  }

  get(tabId: number): Promise<TabState | null> {
    return this.queue(tabId, async () => {
      if (this.cache.has(tabId)) return this.cache.get(tabId) ?? null;
      let state: TabState | null = null;
      try {
        state = parseTabState((await this.area?.get(keyOf(tabId)))?.[keyOf(tabId)]);
      } catch {
        state = null;
      }
      this.cache.set(tabId, state);
      return state;
    });
  }

  set(tabId: number, state: TabState): Promise<void> {
    return this.queue(tabId, async () => {
      this.cache.set(tabId, state);
      try {
        await this.area?.set({ [keyOf(tabId)]: state });
      } catch {
        // over quota or no session storage: the memory copy serves until the worker stops
      }
    });
  }

  clear(tabId: number): Promise<void> {
    return this.queue(tabId, async () => {
      this.cache.set(tabId, null);
      try {
        await this.area?.remove(keyOf(tabId));
      } catch {
        // nothing stored
      }
    });
  }

  /** A new page started in the tab (its content script said so): the old state is gone. */
  pageStarted(tabId: number, at: number): Promise<void> {
    this.starts.set(tabId, at);
    return this.clear(tabId);
  }

  /** When the tab's current page said it started, if this worker heard it. */
  startedAt(tabId: number): number | undefined {
    return this.starts.get(tabId);
  }

  forget(tabId: number): Promise<void> {
    this.starts.delete(tabId);
    return this.clear(tabId).then(() => void this.cache.delete(tabId));
  }
}

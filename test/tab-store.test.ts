import { describe, expect, it } from 'vitest';
import { tabState } from './helpers/state';
import { TabStore, type StorageAreaLike } from '../lib/extension/background/tab-store';

/** An in-memory session storage area that outlives the stores using it, like the real one. */
function area(): StorageAreaLike & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(keys) {
      if (keys === null) return { ...data };
      const list = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
}

const state = (hidden: number) =>
  tabState({
    blocks: Array.from({ length: hidden }, (_, i) => ({ id: `ad-${i}`, kind: 'ad' as const, text: 'Ad', reason: 'ad', rule: 'detector:ad' })),
    hidden,
    ms: 3,
  });

describe('TabStore', () => {
  it('keeps a state per tab, and a new store (a restarted worker) reads it back', async () => {
    const a = area();
    const store = new TabStore(a);
    await store.set(1, state(2));
    await store.set(2, state(5));
    expect((await store.get(1))?.hidden).toBe(2);
    const restarted = new TabStore(a);
    expect((await restarted.get(2))?.hidden).toBe(5);
    expect(await restarted.get(3)).toBeNull();
  });

  it('clears a tab when a new page starts or the tab closes', async () => {
    const a = area();
    const store = new TabStore(a);
    await store.set(1, state(2));
    await store.pageStarted(1, 1000);
    expect(await store.get(1)).toBeNull();
    expect(store.startedAt(1)).toBe(1000);
    expect(a.data['tab:1']).toBeUndefined();
    await store.set(1, state(1));
    await store.forget(1);
    expect(await new TabStore(a).get(1)).toBeNull();
    expect(store.startedAt(1)).toBeUndefined();
  });

  it('applies writes for a tab in the order they were made', async () => {
    const a = area();
    const slow: StorageAreaLike = {
      ...a,
      set: (items) => new Promise((r) => setTimeout(() => void a.set(items).then(r), 20)),
    };
    const store = new TabStore(slow);
    void store.set(1, state(1));
    void store.pageStarted(1, 5);
    const last = store.set(1, state(3));
    await last;
    expect((await new TabStore(a).get(1))?.hidden).toBe(3);
  });

  it('reads a corrupt stored value as nothing, and works without session storage', async () => {
    const a = area();
    a.data['tab:4'] = { status: 'bogus' };
    expect(await new TabStore(a).get(4)).toBeNull();
    const memoryOnly = new TabStore(null);
    await memoryOnly.set(1, state(1));
    expect((await memoryOnly.get(1))?.hidden).toBe(1);
  });
});

/**
 * The background: keeps each tab's state (what its page hid) for the popup, and shows the number
 * of hidden blocks on the toolbar badge of that tab. States live in session storage, so they
 * survive the service worker stopping; a state it lost is asked from the tab again.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { badgeCount, listen, parseTabState, sendToTab, type TabState } from '../lib/messages';
import { TabStore, type StorageAreaLike } from '../lib/tab-store';

/** A tab's "loading" that comes this soon after its new page said hello belongs to that page. */
const SAME_PAGE_MS = 1000;
const BADGE_COLOR = '#5c3b8a';

export default defineBackground(() => {
  // MV3 has `action`; Firefox's MV2 build has `browserAction`.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const session = (browser.storage as { session?: StorageAreaLike }).session ?? null;
  const store = new TabStore(session);

  const setBadge = (tabId: number, state: TabState | null) => {
    const n = badgeCount(state);
    action.setBadgeText({ tabId, text: n > 0 ? String(n) : '' }).catch(() => {});
  };
  action.setBadgeBackgroundColor({ color: BADGE_COLOR }).catch(() => {});

  /** The tab's state from the store, or else from the tab's content script. */
  const stateOf = async (tabId: number): Promise<TabState | null> => {
    const known = await store.get(tabId);
    if (known) return known;
    try {
      const state = parseTabState(await sendToTab(tabId, { type: 'getState' }));
      if (!state) return null;
      await store.set(tabId, state);
      setBadge(tabId, state);
      return state;
    } catch {
      return null; // no content script there (a browser page, or a page open before install)
    }
  };

  listen({
    pageStart: async (_req, sender) => {
      const tabId = sender.tab!.id!;
      if (sender.frameId) return { ok: true };
      await store.pageStarted(tabId, Date.now());
      setBadge(tabId, null);
      return { ok: true };
    },
    tabState: async ({ state }, sender) => {
      const tabId = sender.tab!.id!;
      if (sender.frameId) return { ok: true };
      await store.set(tabId, state);
      setBadge(tabId, state);
      return { ok: true };
    },
    getTabState: ({ tabId }) => stateOf(tabId),
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    const started = store.startedAt(tabId);
    if (started !== undefined && Date.now() - started < SAME_PAGE_MS) return;
    void store.clear(tabId);
    setBadge(tabId, null);
  });
  browser.tabs.onRemoved.addListener((tabId) => void store.forget(tabId));
});

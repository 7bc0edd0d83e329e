/**
 * The background: runs the engine on the markup a content script sends (lib/snapshot.ts), away
 * from the page's main thread. Keeps each tab's state (what its page hid) for the popup, and shows
 * the number of hidden blocks on the toolbar badge of that tab, and a grey icon where the site is
 * off. States
 * live in session storage, so they survive the service worker stopping; a state it lost is asked
 * from the tab again. Runs the keyboard shortcuts (manifest `commands`): turn the tab's site on or
 * off, open the reader view of the tab; the popup runs the same through `runCommand`. Writes what
 * the user saves, for every page and content script, one change after another
 * (lib/extension/storage/writer.ts).
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { t } from '../lib/extension/i18n';
import { greyPixels } from '../lib/extension/background/icon';
import { COMMANDS, badgeCount, listen, parseTabState, sendToTab, type CommandName, type TabState } from '../lib/extension/messages';
import { migrateStorage, writeChange } from '../lib/extension/storage/writer';
import { contentMaySave } from '../lib/extension/storage/changes';
import { analyzeSnapshot } from '../lib/extension/background/snapshot-analyzer';
import { TabStore, type StorageAreaLike } from '../lib/extension/background/tab-store';

/** A tab's "loading" that comes this soon after its new page said hello belongs to that page. */
const SAME_PAGE_MS = 1000;
const BADGE_COLOR = '#5c3b8a';
/** The toolbar icon sizes (the action's); the off icon is drawn in the same sizes. */
const ICON_SIZES = [16, 32] as const;
const ICON_PATHS = { 16: '/icon/16.png', 32: '/icon/32.png' } as const;

export default defineBackground(() => {
  // MV3 has `action`; Firefox's MV2 build has `browserAction`.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const session = (browser.storage as { session?: StorageAreaLike }).session ?? null;
  const store = new TabStore(session);
  migrateStorage().catch((e: unknown) => console.warn('Declutter News: stored values could not be brought up to date', e));

  const setBadge = (tabId: number, state: TabState | null) => {
    const n = badgeCount(state);
    action.setBadgeText({ tabId, text: n > 0 ? String(n) : '' }).catch(() => {});
  };
  action.setBadgeBackgroundColor({ color: BADGE_COLOR }).catch(() => {});

  // ---- The icon: grey where the page's site (or the whole extension) is off ----

  let offImage: Promise<Record<number, ImageData> | null> | null = null;
  /** The off icon, drawn once from the bundled PNGs; null where the browser cannot draw here. */
  const offIcon = () =>
    (offImage ??= (async () => {
      try {
        const out: Record<number, ImageData> = {};
        for (const size of ICON_SIZES) {
          const blob = await (await fetch(browser.runtime.getURL(ICON_PATHS[size]))).blob();
          const bitmap = await createImageBitmap(blob);
          const canvas = new OffscreenCanvas(size, size);
          const g = canvas.getContext('2d')!;
          g.drawImage(bitmap, 0, 0, size, size);
          const image = g.getImageData(0, 0, size, size);
          greyPixels(image.data);
          out[size] = image;
        }
        return out;
      } catch {
        return null;
      }
    })());
  /** What each tab's icon shows, as far as this worker knows (it forgets when it stops). */
  const iconOff = new Map<number, boolean>();
  const setIcon = async (tabId: number, off: boolean) => {
    if (iconOff.get(tabId) === off) return;
    iconOff.set(tabId, off);
    try {
      const image = off ? await offIcon() : null;
      if (iconOff.get(tabId) !== off) return; // changed again meanwhile
      await (image ? action.setIcon({ tabId, imageData: image }) : action.setIcon({ tabId, path: ICON_PATHS }));
      await action.setTitle({ tabId, title: off ? t('actionTitleOff') : t('extName') });
    } catch {
      iconOff.delete(tabId); // the tab is gone
    }
  };
  const showState = (tabId: number, state: TabState | null) => {
    setBadge(tabId, state);
    if (state) void setIcon(tabId, state.status === 'off');
  };

  /** The tab's state from the store, or else from the tab's content script. */
  const stateOf = async (tabId: number): Promise<TabState | null> => {
    const known = await store.get(tabId);
    if (known) return known;
    try {
      const state = parseTabState(await sendToTab(tabId, { type: 'getState' }));
      if (!state) return null;
      await store.set(tabId, state);
      showState(tabId, state);
      return state;
    } catch {
      return null; // no content script there (a browser page, or a page open before install)
    }
  };

  // ---- Commands: keyboard shortcuts, and the popup's buttons for the same ----

  const runCommand = async (command: CommandName, tabId: number): Promise<{ ok: boolean }> => {
    switch (command) {
      case 'toggle-site': {
        const state = await stateOf(tabId);
        if (!state?.site) return { ok: false };
        return { ok: (await writeChange({ op: 'toggleSite', site: state.site })).ok };
      }
      case 'open-reader': {
        const tab = await browser.tabs.get(tabId).catch(() => null);
        if (!tab) return { ok: false };
        await browser.tabs.create({
          url: browser.runtime.getURL(`/reader.html?tabId=${tabId}`),
          index: tab.index + 1,
          windowId: tab.windowId,
          openerTabId: tabId,
        });
        return { ok: true };
      }
    }
  };

  browser.commands?.onCommand.addListener((command: string, tab?: { id?: number }) => {
    if (!COMMANDS.includes(command as CommandName)) return;
    void (async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id !== undefined && id >= 0) await runCommand(command as CommandName, id);
    })().catch((e: unknown) => console.warn('Declutter News: a shortcut failed', command, e));
  });

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
      showState(tabId, state);
      return { ok: true };
    },
    // The engine, away from the page's main thread (lib/snapshot.ts).
    analyze: (request) => analyzeSnapshot(request),
    getTabState: ({ tabId }) => stateOf(tabId),
    runCommand: ({ command, tabId }) => runCommand(command, tabId),
    // Every change to what is saved, in the order asked: the only writer of storage.
    save: ({ change }) => writeChange(change),
    saveForSite: ({ change }, sender) => (contentMaySave(change, sender) ? writeChange(change) : { ok: false }),
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') {
      // A page without a content script (a browser page) never sends a state: its icon is the
      // normal one. Pages with one have said how they are by now.
      void store.get(tabId).then((state) => {
        if (state === null) void setIcon(tabId, false);
      });
      return;
    }
    if (change.status !== 'loading') return;
    const started = store.startedAt(tabId);
    if (started !== undefined && Date.now() - started < SAME_PAGE_MS) return;
    void store.clear(tabId);
    setBadge(tabId, null);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    iconOff.delete(tabId);
    void store.forget(tabId);
  });
});

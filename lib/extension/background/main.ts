/**
 * The background: runs the engine on the markup a content script sends (content/snapshot.ts), away
 * from the page's main thread. Keeps each tab's state (what its page hid) for the popup, with the
 * toolbar's badge and icon (toolbar.ts). States live in session storage, so they survive the
 * service worker stopping; a state it lost is asked from the tab again. Runs the keyboard
 * shortcuts (commands.ts). Writes what the user saves, for every page and content script, one change
 * after another (storage/writer.ts): the only writer of storage, and of the early styles derived from
 * settings and rules (early-style.ts). Each message and browser event has a named handler below.
 */
import { browser } from 'wxt/browser';
import { COMMANDS, listen, parseTabState, sendToTab, type CommandName, type TabState } from '../messages';
import { contentMaySave } from '../storage/changes';
import { migrateStorage, writeChange } from '../storage/writer';
import { runCommand } from './commands';
import { watchEarlyInputs } from './early-style';
import { Learner } from './learner';
import { analyzeSnapshotPage, type AnalyzeRequestData } from './snapshot-analyzer';
import { TabStore, type StorageAreaLike } from './tab-store';
import { Toolbar } from './toolbar';

/** A tab's "loading" that comes this soon after its new page said hello belongs to that page. */
const SAME_PAGE_MS = 1000;

export function startBackground(): void {
  const session = (browser.storage as { session?: StorageAreaLike }).session ?? null;
  const store = new TabStore(session);
  const toolbar = new Toolbar();
  const learner = new Learner();
  migrateStorage().catch((e: unknown) => console.warn('Declutter News: stored values could not be brought up to date', e));
  // The early styles follow settings and rules, whoever changed them (early-style.ts).
  watchEarlyInputs();

  /** The tab's state from the store, or else from the tab's content script. */
  const stateOf = async (tabId: number): Promise<TabState | null> => {
    const known = await store.get(tabId);
    if (known) return known;
    try {
      const state = parseTabState(await sendToTab(tabId, { type: 'getState' }));
      if (!state) return null;
      await store.set(tabId, state);
      toolbar.show(tabId, state);
      return state;
    } catch {
      return null; // no content script there (a browser page, or a page open before install)
    }
  };

  /** A new page in a tab said hello: its old state is gone. */
  const onPageStart = async (tabId: number, frameId: number | undefined): Promise<{ ok: true }> => {
    if (frameId) return { ok: true };
    await store.pageStarted(tabId, Date.now());
    toolbar.setBadge(tabId, null);
    return { ok: true };
  };

  /** A page's content script says what it hid. */
  const onTabState = async (tabId: number, frameId: number | undefined, state: TabState): Promise<{ ok: true }> => {
    if (frameId) return { ok: true };
    await store.set(tabId, state);
    toolbar.show(tabId, state);
    return { ok: true };
  };

  /** The engine on a page's markup, away from the page's main thread; an article page is then learned from (learner.ts). */
  const onAnalyze = (request: AnalyzeRequestData, tab: { incognito?: boolean } | undefined, frameId: number | undefined) => {
    const { answer, doc, isArticle } = analyzeSnapshotPage(request);
    if (!frameId) learner.offer({ doc, url: request.url, isArticle, compact: request.compact === true, incognito: tab?.incognito === true });
    return answer;
  };

  /** A keyboard shortcut, for the active tab of the window it was pressed in. */
  const onShortcut = (command: string, tab?: { id?: number }) => {
    if (!COMMANDS.includes(command as CommandName)) return;
    void (async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id !== undefined && id >= 0) await runCommand(command as CommandName, id, stateOf);
    })().catch((e: unknown) => console.warn('Declutter News: a shortcut failed', command, e));
  };

  /** A tab loads a new page, or has finished loading one. */
  const onTabUpdated = (tabId: number, change: { status?: string }) => {
    if (change.status === 'complete') {
      // A page without a content script (a browser page) never sends a state: its icon is the
      // normal one. Pages with one have said how they are by now.
      void store.get(tabId).then((state) => {
        if (state === null) void toolbar.setIcon(tabId, false);
      });
      return;
    }
    if (change.status !== 'loading') return;
    const started = store.startedAt(tabId);
    if (started !== undefined && Date.now() - started < SAME_PAGE_MS) return;
    void store.clear(tabId);
    toolbar.setBadge(tabId, null);
  };

  const onTabRemoved = (tabId: number) => {
    toolbar.forget(tabId);
    void store.forget(tabId);
  };

  browser.commands?.onCommand.addListener(onShortcut);
  listen({
    pageStart: (_req, sender) => onPageStart(sender.tab!.id!, sender.frameId),
    tabState: ({ state }, sender) => onTabState(sender.tab!.id!, sender.frameId, state),
    // The engine, away from the page's main thread.
    analyze: (request, sender) => onAnalyze(request, sender.tab, sender.frameId),
    getTabState: ({ tabId }) => stateOf(tabId),
    runCommand: ({ command, tabId }) => runCommand(command, tabId, stateOf),
    // Every change to what is saved, in the order asked: the only writer of storage.
    save: ({ change }) => writeChange(change),
    saveForSite: ({ change }, sender) => (contentMaySave(change, sender) ? writeChange(change) : { ok: false }),
  });
  browser.tabs.onUpdated.addListener(onTabUpdated);
  browser.tabs.onRemoved.addListener(onTabRemoved);
}

/** The keyboard shortcuts (manifest `commands`), and the popup's buttons for the same (`runCommand`). */
import { browser } from 'wxt/browser';
import type { CommandName, TabState } from '../messages';
import { writeChange } from '../storage/writer';

/** Turns the tab's site on or off. */
export async function toggleSite(stateOf: (tabId: number) => Promise<TabState | null>, tabId: number): Promise<{ ok: boolean }> {
  const state = await stateOf(tabId);
  if (!state?.site) return { ok: false };
  return { ok: (await writeChange({ op: 'toggleSite', site: state.site })).ok };
}

/** Opens the reader view of the tab in a new tab beside it. */
export async function openReader(tabId: number): Promise<{ ok: boolean }> {
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

export function runCommand(command: CommandName, tabId: number, stateOf: (tabId: number) => Promise<TabState | null>): Promise<{ ok: boolean }> {
  switch (command) {
    case 'toggle-site':
      return toggleSite(stateOf, tabId);
    case 'open-reader':
      return openReader(tabId);
  }
}

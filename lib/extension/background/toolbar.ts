/**
 * The toolbar button of each tab: the badge counts the blocks hidden on its page, and the icon is
 * grey where the page's site (or the whole extension) is off.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { badgeCount, type TabState } from '../messages';
import { greyPixels } from './icon';

const BADGE_COLOR = '#5c3b8a';
/** The toolbar icon sizes (the action's); the off icon is drawn in the same sizes. */
const ICON_SIZES = [16, 32] as const;
const ICON_PATHS = { 16: '/icon/16.png', 32: '/icon/32.png' } as const;

type Action = typeof browser.action;

export class Toolbar {
  private readonly action: Action;
  private offImage: Promise<Record<number, ImageData> | null> | null = null;
  /** What each tab's icon shows, as far as this worker knows (it forgets when it stops). */
  private readonly iconOff = new Map<number, boolean>();

  constructor() {
    // MV3 has `action`; Firefox's MV2 build has `browserAction`.
    this.action = browser.action ?? (browser as unknown as { browserAction: Action }).browserAction;
    this.action.setBadgeBackgroundColor({ color: BADGE_COLOR }).catch(() => {});
  }

  setBadge(tabId: number, state: TabState | null): void {
    const n = badgeCount(state);
    this.action.setBadgeText({ tabId, text: n > 0 ? String(n) : '' }).catch(() => {});
  }

  async setIcon(tabId: number, off: boolean): Promise<void> {
    if (this.iconOff.get(tabId) === off) return;
    this.iconOff.set(tabId, off);
    try {
      const image = off ? await this.offIcon() : null;
      if (this.iconOff.get(tabId) !== off) return; // changed again meanwhile
      await (image ? this.action.setIcon({ tabId, imageData: image }) : this.action.setIcon({ tabId, path: ICON_PATHS }));
      await this.action.setTitle({ tabId, title: off ? t('actionTitleOff') : t('extName') });
    } catch {
      this.iconOff.delete(tabId); // the tab is gone
    }
  }

  /** The badge and the icon for a tab's state. */
  show(tabId: number, state: TabState | null): void {
    this.setBadge(tabId, state);
    if (state) void this.setIcon(tabId, state.status === 'off');
  }

  forget(tabId: number): void {
    this.iconOff.delete(tabId);
  }

  /** The off icon, drawn once from the bundled PNGs; null where the browser cannot draw here. */
  private offIcon(): Promise<Record<number, ImageData> | null> {
    return (this.offImage ??= (async () => {
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
  }
}

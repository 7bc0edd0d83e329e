/**
 * Firefox browser tests' harness: Debian's firefox-esr (FIREFOX_PATH picks another), headless,
 * driven over WebDriver BiDi by puppeteer-core, with the built MV2 add-on (.output/firefox-mv2)
 * installed as a temporary add-on. The golden fixture pages are served from 127.0.0.1 under their
 * real host names (test/e2e/harness.ts `serve`): the fixtures' hosts are listed in Firefox's
 * `network.dns.localDomains`, so http://globalnews.ca:PORT/… reaches the local server and the
 * site's built-in rules match.
 *
 * Extension pages (moz-extension://…) need two things Firefox does not give a plain BiDi session:
 * - `--remote-allow-system-access`: since Firefox 153 the remote agent navigates only to http(s),
 *   file, blob and about:blank unless the browser was started with it.
 * - A wait of our own: the remote agent ignores navigations in the extension process (its
 *   NavigationManager skips contexts whose remote type is "extension", bug 1755014), so a BiDi
 *   navigation to a moz-extension:// page never reports that it finished. `openExtensionPage`
 *   starts the navigation and waits for the document itself. For the same reason the console of
 *   the add-on's pages is not reported: `errors` holds the web pages' errors only.
 * The add-on's internal UUID is fixed with the `extensions.webextensions.uuids` pref, so its pages
 * have a known address.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ADDON = join(ROOT, '.output', 'firefox-mv2');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const ADDON_ID = 'declutter-news@declutter.news';
/** The add-on's internal UUID in the test profile: its pages are moz-extension://UUID/…. */
export const ADDON_UUID = '3d0c1f52-7a4e-4b8d-9e61-5c2a7f0b9d14';

/** What the background keeps for a tab (lib/messages.ts TabState): the parts these tests read. */
export interface TabStateView {
  url: string;
  site: string;
  status: 'pending' | 'cleaned' | 'restored' | 'not-article' | 'off';
  offBy?: 'site' | 'global' | null;
  isArticle: boolean;
  hidden: number;
  blocks: { id: string; kind: string; kept?: boolean }[];
  errors: unknown[];
}

export interface Firefox {
  browser: Browser;
  /** Errors and uncaught exceptions logged by the web pages the tests opened. */
  errors: string[];
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

const NETWORK_NOISE = /favicon|NS_ERROR_|Failed to load resource/;

export async function launchFirefox(hosts: string[]): Promise<Firefox> {
  if (!existsSync(join(ADDON, 'manifest.json'))) throw new Error(`no built add-on at ${ADDON}: run "wxt build -b firefox" first`);
  if (!existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX}: install firefox-esr (scripts/setup.sh) or set FIREFOX_PATH`);
  const profile = mkdtempSync(join(tmpdir(), 'declutter-firefox-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      protocol: 'webDriverBiDi',
      headless: true,
      userDataDir: profile,
      timeout: 30_000,
      protocolTimeout: 30_000,
      defaultViewport: { width: 1200, height: 900 },
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        // The fixtures' hosts resolve to this machine.
        'network.dns.localDomains': hosts.join(','),
        // Plain http to those hosts: no HTTPS-First upgrade, no HSTS preload list.
        'dom.security.https_first': false,
        'dom.security.https_only_mode': false,
        'network.stricttransportsecurity.preloadlist': false,
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      },
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const errors: string[] = [];
  const watch = (page: Page | null) => {
    if (!page) return;
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !NETWORK_NOISE.test(msg.text())) errors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e instanceof Error ? e.message : String(e)}`));
  };
  browser.on('targetcreated', (target) => void target.page().then(watch, () => {}));
  let closed = false;
  return {
    browser,
    errors,
    extensionUrl: (path) => `moz-extension://${ADDON_UUID}/${path.replace(/^\//, '')}`,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
      } finally {
        // A browser that did not quit in time is killed; the profile goes either way.
        if (browser.process()?.exitCode === null) browser.process()?.kill('SIGKILL');
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

/** Installs the built add-on as a temporary add-on (BiDi webExtension.install); returns its id. */
export async function installAddon(ff: Firefox): Promise<string> {
  return ff.browser.installExtension(ADDON);
}

/** Polls `check` until it returns a value other than undefined (errors count as not yet). */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `; last error: ${String(last)}` : ''}`);
}

/**
 * Opens a page of the add-on in `page` and waits until its document has loaded: BiDi's own wait
 * never ends for these pages (see the top of this file), so the navigation is started, not awaited.
 */
export async function openExtensionPage(page: Page, url: string): Promise<void> {
  void page.goto(url, { timeout: 5_000 }).catch(() => {});
  await until(`${url} to load`, () => page.evaluate((u) => (location.href === u && document.readyState === 'complete' ? true : undefined), url));
}

/** The extension API, as seen by code evaluated in one of the add-on's pages. */
declare const browser: (typeof import('wxt/browser'))['browser'];

/** All tab states the background keeps in session storage, read from an extension page. */
export async function sessionStates(extPage: Page): Promise<Map<number, TabStateView>> {
  const all = await extPage.evaluate(() => browser.storage.session.get(null));
  const out = new Map<number, TabStateView>();
  for (const [k, v] of Object.entries(all as Record<string, TabStateView>)) if (k.startsWith('tab:')) out.set(Number(k.slice(4)), v);
  return out;
}

/** Waits until the background has a state for `url` that satisfies `ok`; returns the tab id and state. */
export async function waitForState(
  extPage: Page,
  url: string,
  ok: (s: TabStateView) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<{ tabId: number; state: TabStateView }> {
  let last: TabStateView | undefined;
  try {
    return await until(
      `a state for ${url}`,
      async () => {
        for (const [tabId, state] of await sessionStates(extPage)) {
          if (state.url !== url) continue;
          last = state;
          if (ok(state)) return { tabId, state };
        }
        return undefined;
      },
      timeoutMs,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; last state: ${JSON.stringify(last)?.slice(0, 500)}`);
  }
}

/**
 * The URL of the page in a tab, as that tab's content script tells it (the tabs API shows no URLs
 * to an add-on without the "tabs" permission): the tab ids in the states are Firefox's tab ids.
 */
export async function pageUrlInTab(extPage: Page, tabId: number): Promise<string | null> {
  return extPage.evaluate(
    (id) => browser.tabs.sendMessage(id, { type: 'getState' }, { frameId: 0 }).then((s) => (s as { url?: string } | undefined)?.url ?? null),
    tabId,
  );
}

/** The toolbar badge of a tab (MV2: browserAction). */
export async function badgeText(extPage: Page, tabId: number): Promise<string> {
  return extPage.evaluate(
    (id) => (browser as unknown as { browserAction: { getBadgeText(d: { tabId: number }): Promise<string> } }).browserAction.getBadgeText({ tabId: id }),
    tabId,
  );
}

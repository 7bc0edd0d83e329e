/**
 * The one message protocol between the content script, the background and the extension pages
 * (popup, options). Every message is a `Request` (a discriminated union on `type`); each type has
 * one response type. Messages are checked on arrival with `parseRequest` and `senderRole`: a
 * message of the wrong shape, or from outside the extension, is ignored.
 *
 *   content → background   pageStart, tabState, analyze (the engine on the page's markup, lib/snapshot.ts),
 *                          saveForSite (a change to what is saved for the page's own site)
 *   page    → background   getTabState, runCommand (what a keyboard shortcut does, from the popup),
 *                          save (a change to what is saved: the background alone writes storage,
 *                          lib/extension/storage/writer.ts)
 *   page    → content      getState, show, keep, unkeep, restoreAll, clean, getArticle (reader view),
 *                          pick ("Hide blocks like this": the block picker on the page)
 *
 * `tabState` sent by a content script also reaches an open popup, which redraws from it.
 */
import { browser, type Browser } from 'wxt/browser';
import { parseSiteRules } from '../rules/parse';
import { MAX_SNAPSHOT_CHARS, type RemoteAnalysis } from './content/snapshot';
import { parseSiteChange, parseStoreChange, type SaveResult, type SiteChange, type StoreChange } from './storage/changes';
import { KINDS, type Block, type BlockMedia, type DetectorError, type Kind, type SiteRules } from '../engine/types';
import { MAX_MEDIA_ALT_CHARS } from '../engine/page/media';

/** What the content script did on its page. */
export type PageStatus =
  /** The page is still loading: nothing decided yet. */
  | 'pending'
  /** The engine ran and hid the blocks it found (maybe none). */
  | 'cleaned'
  /** Not an article page and nobody asked: the page is left alone. */
  | 'not-article'
  /** Turned off for this site or everywhere: the page is as it was. */
  | 'off'
  /** The user restored every block on this page; they come back on the next visit. */
  | 'restored';

export const PAGE_STATUSES: readonly PageStatus[] = ['pending', 'cleaned', 'not-article', 'off', 'restored'];

/** A tab's page as the popup and the badge see it. Kept small: block texts are cut. */
export interface TabState {
  url: string;
  /** The site key: host name without "www.", used for per-site settings. */
  site: string;
  title: string;
  status: PageStatus;
  /** Why the page is off: the site was turned off, or the whole extension. */
  offBy: 'site' | 'global' | null;
  /** Site rule match or Readability's verdict. */
  isArticle: boolean;
  /** The page was cleaned though it is not an article, because the user asked. */
  forced: boolean;
  /** Host of the built-in site rules that apply, if any. */
  rules: string | null;
  /** The blocks found, hidden or kept, in page order: all of them, or MAX_LISTED_BLOCKS (`listBlocks`). */
  blocks: Block[];
  /** Blocks found but not listed in `blocks`, by kind (kinds with none left out). */
  more: Partial<Record<Kind, number>>;
  /** Blocks hidden now (found minus kept), listed or not. The badge shows this. */
  hidden: number;
  /** Ids of hidden blocks shown for a moment from the popup. */
  shown: string[];
  errors: DetectorError[];
  /** Time the engine took on this page, all runs together, in milliseconds. */
  ms: number;
}

/** Longest block text kept in a TabState: enough to recognise a block in the popup. */
export const MAX_BLOCK_TEXT = 1000;

/**
 * Most blocks a TabState lists. A page may have thousands (a gallery of one captioned figure,
 * cleaned anyway: 10,000, 2 MB of state): each listed block is carried by every state message,
 * kept in session storage and drawn in the popup, while nobody reads past a few hundred. The
 * others are counted (`more`), and the badge still counts every hidden block.
 */
export const MAX_LISTED_BLOCKS = 500;

/** The keyboard shortcuts (manifest `commands`), also run from the popup. */
export const COMMANDS = ['toggle-site', 'open-reader'] as const;
export type CommandName = (typeof COMMANDS)[number];

/**
 * A page's article for the reader view, from its content script. `html` is the engine's cleaned
 * article (hidden blocks out, figures and links in), sanitized by the content script; the reader
 * page trusts no sender and sanitizes it again (lib/sanitize.ts) before it shows anything.
 */
export interface ReaderArticle {
  /** The page's address (the reader's way back). */
  url: string;
  /** The page's base URL: relative links and images in `html` resolve against it. */
  baseUrl: string;
  title: string;
  byline: string | null;
  /** When it was published, as the page says it (ISO 8601 mostly), if it says. */
  published: string | null;
  siteName: string | null;
  /** The page's language and direction, for the article's text. */
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  html: string;
}

/** Longest article markup the reader accepts (a long article is a few hundred kB). */
export const MAX_ARTICLE_HTML = 5_000_000;

export type Request =
  | { type: 'pageStart' }
  | { type: 'tabState'; state: TabState }
  | { type: 'analyze'; html: string; url: string; sites: SiteRules[]; keep: string[]; compact?: boolean }
  | { type: 'getTabState'; tabId: number }
  | { type: 'getState' }
  | { type: 'show'; id: string; shown: boolean }
  | { type: 'keep'; id: string }
  | { type: 'unkeep'; id: string }
  | { type: 'restoreAll' }
  | { type: 'clean' }
  | { type: 'getArticle' }
  | { type: 'pick' }
  | { type: 'runCommand'; command: CommandName; tabId: number }
  | { type: 'save'; change: StoreChange }
  | { type: 'saveForSite'; change: SiteChange };

export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/** Result of an action on the page: the new state, and whether the action found its block. */
export interface ActionResult {
  ok: boolean;
  state: TabState;
}

export interface Responses {
  pageStart: { ok: true };
  tabState: { ok: true };
  /** Checked again on the page (lib/snapshot.ts `fromRemote`) before anything is hidden. */
  analyze: RemoteAnalysis;
  getTabState: TabState | null;
  getState: TabState;
  show: ActionResult;
  keep: ActionResult;
  unkeep: ActionResult;
  restoreAll: ActionResult;
  clean: ActionResult;
  /** Null when the engine found no article on the page. */
  getArticle: ReaderArticle | null;
  /** The picker is on the page (false where the page cannot take a rule now: the site is off). */
  pick: { ok: boolean };
  runCommand: { ok: boolean };
  save: SaveResult;
  saveForSite: SaveResult;
}

export type ResponseOf<T extends RequestType> = Responses[T];

/** Who sent a message: a content script in a web page, or a page of the extension itself. */
export type SenderRole = 'content' | 'page';

/** Which role may send each request. Anything else is ignored. */
export const ALLOWED_FROM: { readonly [T in RequestType]: SenderRole } = {
  pageStart: 'content',
  tabState: 'content',
  analyze: 'content',
  getTabState: 'page',
  getState: 'page',
  show: 'page',
  keep: 'page',
  unkeep: 'page',
  restoreAll: 'page',
  clean: 'page',
  getArticle: 'page',
  pick: 'page',
  runCommand: 'page',
  save: 'page',
  saveForSite: 'content',
};

/** The part of runtime.MessageSender this protocol looks at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/**
 * The role of a sender, or null for anything not from this extension. Extension pages are known by
 * their URL (a popup opened in a tab has a `tab` too); content scripts by their tab.
 */
export function senderRole(sender: SenderInfo | undefined, extensionId: string, extensionOrigin: string): SenderRole | null {
  if (!sender || !extensionId || sender.id !== extensionId) return null;
  if (sender.url && extensionOrigin && sender.url.startsWith(extensionOrigin)) return 'page';
  if (sender.tab && typeof sender.tab.id === 'number' && sender.tab.id >= 0) return 'content';
  return null;
}

/** Rule sets in one `analyze` request: the page's own, the user's, the every-site ones. */
const MAX_SITES = 64;
/** Kept block ids in one `analyze` request. */
const MAX_KEPT = 10_000;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 200;
const str = (x: unknown, max = 10_000): string => (typeof x === 'string' ? x.slice(0, max) : '');
const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);

function parseBlock(x: unknown): Block | null {
  if (!isObject(x) || !isId(x.id) || !KINDS.includes(x.kind as Kind)) return null;
  return {
    id: x.id,
    kind: x.kind as Kind,
    text: str(x.text, MAX_BLOCK_TEXT),
    reason: str(x.reason, 500),
    rule: str(x.rule, 500),
    ...(x.kept === true ? { kept: true } : {}),
    ...(isObject(x.media) && MEDIA_WHAT.includes(x.media.what as BlockMedia['what'])
      ? {
          media: {
            what: x.media.what as BlockMedia['what'],
            alt: str(x.media.alt, MAX_MEDIA_ALT_CHARS),
            width: Math.min(Math.floor(num(x.media.width)), 1e5),
            height: Math.min(Math.floor(num(x.media.height)), 1e5),
          },
        }
      : {}),
  };
}

const MEDIA_WHAT: readonly BlockMedia['what'][] = ['image', 'video', 'frame'];

/** Checks a TabState from another context; fields of the wrong type take safe values. */
export function parseTabState(x: unknown): TabState | null {
  if (!isObject(x) || !PAGE_STATUSES.includes(x.status as PageStatus)) return null;
  const all = Array.isArray(x.blocks) ? x.blocks.map(parseBlock).filter((b): b is Block => b !== null) : [];
  const listed = listBlocks(all);
  const blocks = listed.blocks;
  const more: Partial<Record<Kind, number>> = {};
  for (const kind of KINDS) {
    const n = Math.min(num(isObject(x.more) ? x.more[kind] : 0), 1e9) + (listed.more[kind] ?? 0);
    if (n > 0) more[kind] = Math.floor(n);
  }
  const found = blocks.length + moreCount(more);
  const errors = Array.isArray(x.errors) ? x.errors.filter(isObject).map((e) => ({ source: str(e.source, 200), message: str(e.message, 1000) })) : [];
  return {
    url: str(x.url, 4000),
    site: str(x.site, 300),
    title: str(x.title, 1000),
    status: x.status as PageStatus,
    offBy: x.offBy === 'site' || x.offBy === 'global' ? x.offBy : null,
    isArticle: x.isArticle === true,
    forced: x.forced === true,
    rules: typeof x.rules === 'string' ? x.rules.slice(0, 300) : null,
    blocks,
    more,
    hidden: Math.min(num(x.hidden), found),
    shown: Array.isArray(x.shown) ? x.shown.filter(isId).slice(0, blocks.length) : [],
    errors,
    ms: num(x.ms),
  };
}

const optional = (x: unknown, max: number): string | null => {
  const v = typeof x === 'string' ? x.replace(/\s+/g, ' ').trim().slice(0, max) : '';
  return v || null;
};

const isHttp = (x: unknown): x is string => {
  if (typeof x !== 'string' || x.length > 4000) return false;
  try {
    const u = new URL(x);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

/** Checks a ReaderArticle from a content script: a page's http(s) address, strings of bounded size. */
export function parseReaderArticle(x: unknown): ReaderArticle | null {
  if (!isObject(x) || !isHttp(x.url) || typeof x.html !== 'string' || x.html.length > MAX_ARTICLE_HTML) return null;
  return {
    url: x.url,
    baseUrl: isHttp(x.baseUrl) ? x.baseUrl : x.url,
    title: optional(x.title, 1000) ?? '',
    byline: optional(x.byline, 300),
    published: optional(x.published, 100),
    siteName: optional(x.siteName, 200),
    lang: typeof x.lang === 'string' && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(x.lang) ? x.lang : null,
    dir: x.dir === 'rtl' || x.dir === 'ltr' ? x.dir : null,
    html: x.html,
  };
}

/** Checks a message's shape. Returns null for anything that is not a well-formed request. */
export function parseRequest(x: unknown): Request | null {
  if (!isObject(x) || typeof x.type !== 'string' || !Object.hasOwn(ALLOWED_FROM, x.type)) return null;
  const type = x.type as RequestType;
  switch (type) {
    case 'pageStart':
    case 'getState':
    case 'restoreAll':
    case 'clean':
    case 'getArticle':
    case 'pick':
      return { type };
    case 'runCommand':
      return COMMANDS.includes(x.command as CommandName) && Number.isInteger(x.tabId) && (x.tabId as number) >= 0
        ? { type, command: x.command as CommandName, tabId: x.tabId as number }
        : null;
    case 'tabState': {
      const state = parseTabState(x.state);
      return state ? { type, state } : null;
    }
    case 'analyze': {
      if (typeof x.html !== 'string' || x.html.length > MAX_SNAPSHOT_CHARS || !Array.isArray(x.sites) || !Array.isArray(x.keep)) return null;
      const parsed = x.sites.slice(0, MAX_SITES).map(parseSiteRules);
      if (parsed.some((p) => !p.rules || p.problems.length > 0)) return null;
      const sites = parsed.map((p) => p.rules as SiteRules);
      return {
        type,
        html: x.html,
        url: str(x.url, 4000),
        sites,
        keep: x.keep.filter(isId).slice(0, MAX_KEPT),
        ...(x.compact === true ? { compact: true } : {}),
      };
    }
    case 'getTabState':
      return Number.isInteger(x.tabId) && (x.tabId as number) >= 0 ? { type, tabId: x.tabId as number } : null;
    case 'show':
      return isId(x.id) && typeof x.shown === 'boolean' ? { type, id: x.id, shown: x.shown } : null;
    case 'keep':
    case 'unkeep':
      return isId(x.id) ? { type, id: x.id } : null;
    case 'save': {
      const change = parseStoreChange(x.change);
      return change ? { type, change } : null;
    }
    case 'saveForSite': {
      const change = parseSiteChange(x.change);
      return change ? { type, change } : null;
    }
  }
}

/** A request that passed both checks: its shape, and that its sender may send it. */
export function acceptRequest(
  message: unknown,
  sender: SenderInfo | undefined,
  extensionId: string,
  extensionOrigin: string,
): { request: Request; role: SenderRole } | null {
  const role = senderRole(sender, extensionId, extensionOrigin);
  if (!role) return null;
  const request = parseRequest(message);
  if (!request || ALLOWED_FROM[request.type] !== role) return null;
  return { request, role };
}

/** Cuts block texts to MAX_BLOCK_TEXT so a state stays small in session storage and messages. */
export function trimBlocks(blocks: readonly Block[]): Block[] {
  return blocks.map((b) => (b.text.length > MAX_BLOCK_TEXT ? { ...b, text: `${b.text.slice(0, MAX_BLOCK_TEXT - 1)}…` } : b));
}

/**
 * The blocks a TabState lists (texts cut, `trimBlocks`), and how many of each kind it leaves out.
 * At most MAX_LISTED_BLOCKS, shared fairly between kinds (a kind with fewer blocks than its share
 * leaves the rest to the others), each kind's first ones in page order.
 */
export function listBlocks(blocks: readonly Block[]): { blocks: Block[]; more: Partial<Record<Kind, number>> } {
  if (blocks.length <= MAX_LISTED_BLOCKS) return { blocks: trimBlocks(blocks), more: {} };
  const found = new Map<Kind, number>();
  for (const b of blocks) found.set(b.kind, (found.get(b.kind) ?? 0) + 1);
  const share = new Map<Kind, number>();
  let left = MAX_LISTED_BLOCKS;
  const kinds = [...found.keys()].sort((a, b) => found.get(a)! - found.get(b)!);
  kinds.forEach((kind, i) => {
    const n = Math.min(found.get(kind)!, Math.floor(left / (kinds.length - i)));
    share.set(kind, n);
    left -= n;
  });
  const listed: Block[] = [];
  const taken = new Map<Kind, number>();
  for (const b of blocks) {
    const n = taken.get(b.kind) ?? 0;
    if (n >= share.get(b.kind)!) continue;
    taken.set(b.kind, n + 1);
    listed.push(b);
  }
  const more: Partial<Record<Kind, number>> = {};
  for (const [kind, n] of found) if (n > share.get(kind)!) more[kind] = n - share.get(kind)!;
  return { blocks: trimBlocks(listed), more };
}

/** How many blocks a state counts but does not list. */
export function moreCount(more: Partial<Record<Kind, number>>): number {
  let n = 0;
  for (const kind of KINDS) n += more[kind] ?? 0;
  return n;
}

/** Every block a state's page found, listed or not. */
export function foundCount(state: Pick<TabState, 'blocks' | 'more'>): number {
  return state.blocks.length + moreCount(state.more);
}

/** The number the toolbar badge shows for a state: hidden blocks while the page is cleaned. */
export function badgeCount(state: TabState | null | undefined): number {
  return state && state.status === 'cleaned' ? state.hidden : 0;
}

// ---- Sending and receiving (the only places that touch runtime messaging) ----

type Handlers = {
  [T in RequestType]?: (request: RequestOf<T>, sender: Browser.runtime.MessageSender) => ResponseOf<T> | Promise<ResponseOf<T>>;
};

/**
 * Answers the requests named in `handlers`. Requests of other types are left to other listeners
 * (no answer from here); malformed ones and ones from outside the extension are ignored.
 */
export function listen(handlers: Handlers): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (response?: unknown) => void) => {
    const accepted = acceptRequest(message, sender, browser.runtime.id, browser.runtime.getURL('/'));
    if (!accepted) return false;
    const handler = handlers[accepted.request.type] as ((request: Request, sender: Browser.runtime.MessageSender) => unknown) | undefined;
    if (!handler) return false;
    Promise.resolve()
      .then(() => handler(accepted.request, sender))
      .then(
        (response) => sendResponse(response),
        (e: unknown) => {
          console.warn('Declutter News: a request failed', accepted.request.type, e);
          sendResponse(undefined);
        },
      );
    return true; // the answer comes asynchronously
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/**
 * Sends a request to the background (and any open extension page). Fails as a rejected promise,
 * also where the extension is gone (a content script after an update has no runtime to send with).
 */
export function sendToExtension<R extends Request>(request: R): Promise<ResponseOf<R['type']>> {
  try {
    return browser.runtime.sendMessage(request) as Promise<ResponseOf<R['type']>>;
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Sends a request to the content script of a tab's top frame. */
export function sendToTab<R extends Request>(tabId: number, request: R): Promise<ResponseOf<R['type']>> {
  return browser.tabs.sendMessage(tabId, request, { frameId: 0 }) as Promise<ResponseOf<R['type']>>;
}

/** Watches the states content scripts send, for a popup that shows one tab live. */
export function onTabState(cb: (tabId: number, state: TabState) => void): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender) => {
    const accepted = acceptRequest(message, sender, browser.runtime.id, browser.runtime.getURL('/'));
    if (accepted?.request.type === 'tabState' && sender.tab?.id !== undefined) cb(sender.tab.id, accepted.request.state);
    return false; // never answers: the background does
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

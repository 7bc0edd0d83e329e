/**
 * The changes to what is saved that the extension's pages and content scripts ask for. Storage is
 * written by the background alone (lib/extension/storage/writer.ts), one change after another: a
 * read-modify-write in two contexts at once would lose one of them, and a queue in one context
 * cannot order another's. So each change travels as data, in a message (lib/extension/messages.ts),
 * and is checked here on arrival like every message.
 *
 * A content script may ask only for its own site's changes (`SiteChange`), and only from the
 * top frame of a page of that site (`contentMaySave`).
 */
import { hostOf, siteKey } from '../../engine/page/url';
import { KINDS, type Kind } from '../../engine/types';
import { sanitizeLearnedImport, type ImportProblem, type LearnedImport } from './backup';
import { READER_THEMES, USER_RULE_ORIGINS, type KeptBlock, type NewUserRule, type ReaderPrefs, type ReaderTheme, type UserRuleOrigin } from './types';

/** What a content script may change: its own site's kept blocks, and a rule picked on its page. */
export type SiteChange =
  | { op: 'keep'; site: string; block: { id: string; kind: Kind; text: string } }
  | { op: 'unkeep'; site: string; id: string }
  | { op: 'pickRule'; site: string; selector: string; kind: Kind }
  /** Keep on a block a learned rule hid: the rule goes off (`kept`) for the site. */
  | { op: 'keepLearned'; site: string; selector: string; hasText?: string };

/** Every change, as the extension's pages (popup, options, reader) ask for it. */
export type StoreChange =
  | SiteChange
  | { op: 'deleteRule'; site: string; selector: string; hasText?: string }
  | { op: 'editRule'; site: string; old: { selector: string; hasText?: string }; rule: NewUserRule }
  | { op: 'siteOn'; site: string; on: boolean }
  | { op: 'toggleSite'; site: string }
  | { op: 'allOn'; on: boolean }
  /** Learning while browsing on or off (Settings.learn). */
  | { op: 'learnOn'; on: boolean }
  /** A learned rule switched off by the user, or back on. */
  | { op: 'learnedRuleOn'; site: string; selector: string; hasText?: string; on: boolean }
  /** Forget what was learned on a site (its rules and pages), or on every site. */
  | { op: 'forgetLearned'; site?: string }
  | { op: 'readerTheme'; theme: ReaderTheme }
  | { op: 'readerFontStep'; by: number }
  /** A filter list's rules (lib/extension/storage/filter-list.ts), added to the saved ones. */
  | { op: 'importRules'; rules: { site: string; rule: NewUserRule }[] }
  /** An exported file's entries (lib/extension/storage/backup.ts), added to what is saved, all or nothing. */
  | {
      op: 'importBackup';
      userRules: { site: string; rule: NewUserRule; where: string }[];
      kept: { site: string; block: KeptBlock; where: string }[];
      disabledSites: { site: string; where: string }[];
      /** Learned rules of the file (absent in a request from a page of before learning: none). */
      learnedRules: LearnedImport[];
    }
  | { op: 'reset' };

/** Why a write stored nothing. */
export interface SaveFailure {
  /** Over the browser's quota for the extension's storage. */
  full: boolean;
  /** What the items written would take, in bytes as the browser counts them (key and JSON text). */
  bytes: number;
  /** The browser's limit for the extension's storage.local, where it has one. */
  quota: number | null;
  /** The browser's words. */
  error: string;
}

/** The answer to a change. */
export interface SaveResult {
  /** Stored, and it did what was asked (a picked rule past the caps is stored as nothing: not ok). */
  ok: boolean;
  /** Nothing was stored: why. */
  failure?: SaveFailure;
  /** editRule: another rule of the site has that selector and text; nothing changed. */
  clash?: boolean;
  /** readerTheme, readerFontStep: the preferences now saved. */
  reader?: ReaderPrefs;
  /** importRules: rules added, already saved, and refused (by index in the request, with the reason). */
  rules?: { added: number; same: number; refused: { index: number; reason: string }[] };
  /** importBackup: entries added, already saved, and refused. */
  imported?: { added: { rules: number; kept: number; sites: number; learned: number }; same: number; problems: ImportProblem[] };
}

/** Longest text of a kept block taken from a request (it is stored cut to MAX_KEPT_TEXT). */
const MAX_TEXT = 10_000;
/** Longest selector or `:has-text()` argument in a request (the rules' own limits are checked when stored). */
const MAX_SELECTOR = 5_000;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const isSite = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 253;
const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 200;
const isKind = (x: unknown): x is Kind => KINDS.includes(x as Kind);
const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

function parseSelector(x: unknown): { selector: string; hasText?: string } | null {
  if (!isObject(x) || !isText(x.selector, MAX_SELECTOR)) return null;
  if (x.hasText !== undefined && !isText(x.hasText, MAX_SELECTOR)) return null;
  return { selector: x.selector, ...(x.hasText !== undefined ? { hasText: x.hasText as string } : {}) };
}

function parseNewRule(x: unknown): NewUserRule | null {
  const sel = parseSelector(x);
  if (!sel || !isObject(x) || !isKind(x.kind) || !USER_RULE_ORIGINS.includes(x.from as UserRuleOrigin)) return null;
  if ((x.allow !== undefined && typeof x.allow !== 'boolean') || (x.at !== undefined && !isTime(x.at))) return null;
  return {
    ...sel,
    kind: x.kind,
    ...(x.allow === true ? { allow: true } : {}),
    ...(x.at !== undefined ? { at: x.at as number } : {}),
    from: x.from as UserRuleOrigin,
  };
}

function parseKeptBlock(x: unknown): KeptBlock | null {
  if (!isObject(x) || !isId(x.id) || !isKind(x.kind) || !isText(x.text, MAX_TEXT) || !isTime(x.at)) return null;
  return { id: x.id, kind: x.kind, text: x.text, at: x.at };
}

/** Every entry of a list parsed, or null when one is not: an import's answers refer to entries by index. */
function parseAll<T>(x: unknown, parse: (item: Record<string, unknown>) => T | null): T[] | null {
  if (!Array.isArray(x)) return null;
  const out: T[] = [];
  for (const item of x) {
    const v = isObject(item) ? parse(item) : null;
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

/** Checks a content script's change. Returns null for anything else. */
export function parseSiteChange(x: unknown): SiteChange | null {
  if (!isObject(x) || !isSite(x.site)) return null;
  const site = x.site;
  switch (x.op) {
    case 'keep': {
      const b = x.block;
      return isObject(b) && isId(b.id) && isKind(b.kind) && typeof b.text === 'string'
        ? { op: 'keep', site, block: { id: b.id, kind: b.kind, text: b.text.slice(0, MAX_TEXT) } }
        : null;
    }
    case 'unkeep':
      return isId(x.id) ? { op: 'unkeep', site, id: x.id } : null;
    case 'pickRule':
      return isText(x.selector, MAX_SELECTOR) && isKind(x.kind) ? { op: 'pickRule', site, selector: x.selector, kind: x.kind } : null;
    case 'keepLearned': {
      const sel = parseSelector(x);
      return sel ? { op: 'keepLearned', site, ...sel } : null;
    }
    default:
      return null;
  }
}

/** Checks a change from an extension page. Returns null for anything that is not one. */
export function parseStoreChange(x: unknown): StoreChange | null {
  if (!isObject(x)) return null;
  const own = parseSiteChange(x);
  if (own) return own;
  switch (x.op) {
    case 'deleteRule': {
      const sel = parseSelector(x);
      return sel && isSite(x.site) ? { op: 'deleteRule', site: x.site, ...sel } : null;
    }
    case 'editRule': {
      const old = parseSelector(x.old);
      const rule = parseNewRule(x.rule);
      return old && rule && isSite(x.site) ? { op: 'editRule', site: x.site, old, rule } : null;
    }
    case 'siteOn':
      return isSite(x.site) && typeof x.on === 'boolean' ? { op: 'siteOn', site: x.site, on: x.on } : null;
    case 'toggleSite':
      return isSite(x.site) ? { op: 'toggleSite', site: x.site } : null;
    case 'allOn':
      return typeof x.on === 'boolean' ? { op: 'allOn', on: x.on } : null;
    case 'learnOn':
      return typeof x.on === 'boolean' ? { op: 'learnOn', on: x.on } : null;
    case 'learnedRuleOn': {
      const sel = parseSelector(x);
      return sel && isSite(x.site) && typeof x.on === 'boolean' ? { op: 'learnedRuleOn', site: x.site, ...sel, on: x.on } : null;
    }
    case 'forgetLearned':
      if (x.site === undefined) return { op: 'forgetLearned' };
      return isSite(x.site) ? { op: 'forgetLearned', site: x.site } : null;
    case 'readerTheme':
      return READER_THEMES.includes(x.theme as ReaderTheme) ? { op: 'readerTheme', theme: x.theme as ReaderTheme } : null;
    case 'readerFontStep':
      return Number.isInteger(x.by) && Math.abs(x.by as number) <= 100 ? { op: 'readerFontStep', by: x.by as number } : null;
    case 'importRules': {
      const rules = parseAll(x.rules, (e) => {
        const rule = parseNewRule(e.rule);
        return rule && isSite(e.site) ? { site: e.site, rule } : null;
      });
      return rules ? { op: 'importRules', rules } : null;
    }
    case 'importBackup': {
      const where = (e: Record<string, unknown>) => (isText(e.where, 1000) ? e.where : null);
      const userRules = parseAll(x.userRules, (e) => {
        const rule = parseNewRule(e.rule);
        const w = where(e);
        return rule && w !== null && isSite(e.site) ? { site: e.site, rule, where: w } : null;
      });
      const kept = parseAll(x.kept, (e) => {
        const block = parseKeptBlock(e.block);
        const w = where(e);
        return block && w !== null && isSite(e.site) ? { site: e.site, block, where: w } : null;
      });
      const disabledSites = parseAll(x.disabledSites, (e) => {
        const w = where(e);
        return w !== null && isSite(e.site) ? { site: e.site, where: w } : null;
      });
      // A learned rule is taken as the stored value's sanitizer reads it; a site that is not its own key is refused.
      const learnedRules =
        x.learnedRules === undefined
          ? []
          : parseAll(x.learnedRules, (e) => {
              const w = where(e);
              if (w === null || !isSite(e.site) || !isTime(e.pages) || !isTime(e.at)) return null;
              const one = sanitizeLearnedImport(e.site, e.pages, e.at, e.rule);
              return one && one.site === e.site ? { ...one, where: w } : null;
            });
      return userRules && kept && disabledSites && learnedRules ? { op: 'importBackup', userRules, kept, disabledSites, learnedRules } : null;
    }
    case 'reset':
      return { op: 'reset' };
    default:
      return null;
  }
}

/** May this content script make this change? Only for its own page's site, from the page's top frame. */
export function contentMaySave(change: SiteChange, sender: { url?: string; frameId?: number }): boolean {
  if (sender.frameId) return false;
  const site = siteKey(hostOf(sender.url ?? ''));
  return site !== '' && change.site === site;
}

/** Checks an answer to a change; anything else counts as a write that failed. */
export function parseSaveResult(x: unknown): SaveResult | null {
  return isObject(x) && typeof x.ok === 'boolean' ? (x as unknown as SaveResult) : null;
}

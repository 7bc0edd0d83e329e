/**
 * The shapes of what the extension keeps in storage.local (lib/extension/storage/items.ts holds
 * the items themselves). Types only, and the lists their unions are made from: every storage
 * module imports from here, and this file imports none of them.
 */
import type { Kind } from '../../engine/types';

export interface Settings {
  /** Off everywhere when false. */
  enabled: boolean;
  /** Sites the user turned off, sorted. */
  disabledSites: string[];
  /** Learn each site's template blocks from the pages read (lib/extension/background/learner.ts). */
  learn: boolean;
}

/** A block the user chose to keep on a site: shown on every visit. */
export interface KeptBlock {
  id: string;
  kind: Kind;
  /** The start of the block's text, for the options page. */
  text: string;
  /** When it was kept (ms since the epoch). */
  at: number;
}

/** Key: `siteKey(host)`. */
export type KeptBySite = Record<string, KeptBlock[]>;

/** The reader view's look: `auto` follows the browser's light or dark preference. */
export const READER_THEMES = ['auto', 'light', 'dark', 'sepia'] as const;
export type ReaderTheme = (typeof READER_THEMES)[number];

export interface ReaderPrefs {
  theme: ReaderTheme;
  /** Text size in steps from the default (0): each step about 10% larger or smaller. */
  fontStep: number;
}

export const USER_RULE_ORIGINS = ['picker', 'import', 'options'] as const;
export type UserRuleOrigin = (typeof USER_RULE_ORIGINS)[number];

export interface UserRule {
  /** A CSS selector (one, or a list), without `:has-text()`. */
  selector: string;
  kind: Kind;
  /** Only elements whose text holds this: plain text (case counts) or `/regex/flags`. */
  hasText?: string;
  /** An exception: cancels the rule with this selector and text for the site instead of hiding. */
  allow?: boolean;
  /** When it was made or last changed (ms since the epoch). */
  at: number;
  from: UserRuleOrigin;
}

/** Key: `siteKey(host)`, or `*` for every site. */
export type UserRulesBySite = Record<string, UserRule[]>;

/** A rule to add: its time defaults to now. */
export type NewUserRule = Omit<UserRule, 'at'> & { at?: number };

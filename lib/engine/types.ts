/** The kinds of boilerplate the engine knows. Each detector and each site rule produces one. */
export const KINDS = ['newsletter', 'related', 'duplicate', 'ad', 'share', 'promo'] as const;
export type Kind = (typeof KINDS)[number];

/** One block the engine hides (or would hide). `text` is the block's own visible text. */
export interface Block {
  /** Stable for the same block on the same page: kind + a hash of its text (+ a counter for repeats). */
  id: string;
  kind: Kind;
  text: string;
  /** Why it is boilerplate, in words a reader understands. */
  reason: string;
  /** Which site rule (`site:<host> <selector>`) or detector (`detector:<id>`) fired. */
  rule: string;
  /** The user chose to keep this block: it is reported but stays visible. */
  kept?: boolean;
  /** For a block without text: the image, video or frame it shows (page/media.ts). */
  media?: BlockMedia;
}

/** An image, video or frame a block shows, as its markup describes it (0: no size given). */
export interface BlockMedia {
  what: 'image' | 'video' | 'frame';
  alt: string;
  width: number;
  height: number;
}

/** A site rule: plain data, one selector for one kind, with the pages it was learned from. */
export interface SiteRule {
  kind: Kind;
  selector: string;
  reason: string;
  /** Sample pages (paths under ../shared/corpus, or fixture paths) that show this block. */
  samples?: string[];
  /** Confidence in [0, 1] given by the learning tool; hand-written rules leave it out. */
  confidence?: number;
  /** What the learning tool saw: how many elements the selector matched on each sample page. */
  evidence?: RuleEvidence[];
  /** Who named the block when the rule was learned (a detector, a class name): for developers, never shown. */
  foundBy?: string;
  /**
   * Only elements whose text holds this (uBlock Origin's `:has-text()`): plain text, matched as
   * written, or `/regex/flags`. CSS cannot test text, so such rules apply at DOM ready only.
   */
  hasText?: string;
}

/** One sample page's evidence for a learned rule. */
export interface RuleEvidence {
  sample: string;
  matches: number;
}

/** All rules for one site. `host` matches itself and its subdomains; `*` (ANY_SITE) every site. */
export interface SiteRules {
  host: string;
  /** Where these rules came from (sample pages, or the command that produced them). */
  source?: string;
  /** Rules the user made (lib/user-rules.ts): their blocks name the rule `user:<host> <selector>`. */
  user?: boolean;
  /** Rules the extension learned from the user's pages of the site (lib/rules/learn.ts): `learned:<host> <selector>`. */
  learned?: boolean;
  rules: SiteRule[];
}

/** An element of the article left out of its text: the filter that did (lib/engine/text/), and its text. */
export interface LeftOut {
  filter: string;
  text: string;
}

export interface DetectorError {
  /** Detector id or `site:<host>`. */
  source: string;
  message: string;
}

export interface Timings {
  /** Readability on a clone of the document. */
  readability: number;
  /** Site rules and detectors finding candidates. */
  find: number;
  /** Checking candidates against the article and against each other. */
  decide: number;
  total: number;
}

export interface Report {
  url: string;
  host: string;
  /** Whether the page is an article (article/recognize.ts): what is not gets nothing hidden unless the user asks. */
  isArticle: boolean;
  /** Why it is or is not an article, in a few words ("declared NewsArticle and 1,240 chars of text"). */
  recognized?: string;
  /** Host of the site rules used, if any. */
  site: string | null;
  title: string;
  byline: string | null;
  /** The cleaned article: Readability's article minus the removed blocks, paragraphs on their own lines. */
  text: string;
  /** What the article's text leaves out though it stays on the page (a caption, the byline), and the filter that did. */
  leftOut?: LeftOut[];
  blocks: Block[];
  errors: DetectorError[];
  timings: Timings;
  /** Steps the engine skipped or capped on this page, and why (a very deep or very large page). */
  notes?: string[];
}

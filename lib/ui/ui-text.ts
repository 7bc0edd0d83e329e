/**
 * Words the popup and the options page show: kind names, why a block was removed, the groups of
 * the popup's list, counts. Plain functions over the i18n catalog (lib/i18n.ts), so the wording is
 * tested and shared, and translated by adding a messages.json.
 */
import { t, type MessageKey } from '../extension/i18n';
import { KINDS, type Block, type Kind } from '../engine/index';

const KIND_KEYS: Record<Kind, { plural: MessageKey; one: MessageKey }> = {
  newsletter: { plural: 'kindNewsletterPlural', one: 'kindNewsletterOne' },
  related: { plural: 'kindRelatedPlural', one: 'kindRelatedOne' },
  duplicate: { plural: 'kindDuplicatePlural', one: 'kindDuplicateOne' },
  ad: { plural: 'kindAdPlural', one: 'kindAdOne' },
  share: { plural: 'kindSharePlural', one: 'kindShareOne' },
  promo: { plural: 'kindPromoPlural', one: 'kindPromoOne' },
};

/** A kind's name: the group heading (plural) or one block of it. */
export function kindLabel(kind: Kind, form: 'plural' | 'one' = 'plural'): string {
  return t(KIND_KEYS[kind][form]);
}

export interface RuleSource {
  /** A site rule, a rule of the user's, a rule learned on the site, a detector, or something else. */
  source: 'site' | 'user' | 'learned' | 'detector' | 'other';
  /** The site of a site rule, user rule (`*`: every site) or learned rule, or the detector's id. */
  name: string;
  /** The selector of a site rule. */
  selector: string | null;
}

/** Parses a block's `rule`: `site:<host> <selector>`, `user:<host> <selector>`, `learned:<site> <selector>` or `detector:<id>`. */
export function ruleSource(rule: string): RuleSource {
  const site = /^(site|user|learned):(\S+)\s+([\s\S]+)$/.exec(rule);
  if (site) return { source: site[1] as 'site' | 'user' | 'learned', name: site[2], selector: site[3] };
  const det = /^detector:(\S+)$/.exec(rule);
  if (det) return { source: 'detector', name: det[1], selector: null };
  return { source: 'other', name: rule, selector: null };
}

/**
 * One line on why a block was removed, in a reader's words: "Known on globalnews.ca: Global News
 * share bar", "Learned on example.com: share bar of this site", "Spotted on this page: ad slot".
 */
export function whyRemoved(block: Pick<Block, 'rule' | 'reason'>): string {
  const src = ruleSource(block.rule);
  const who =
    src.source === 'site'
      ? t('whySiteRule', src.name)
      : src.source === 'learned'
        ? t('whyLearned', src.name)
        : src.source === 'user'
          ? src.name === '*'
            ? t('whyUserRuleEverySite')
            : t('whyUserRule', src.name)
          : src.source === 'detector'
            ? t('whyDetector')
            : src.name;
  return block.reason ? t('whyWithReason', who, block.reason) : who;
}

export interface BlockGroup {
  kind: Kind;
  label: string;
  /** The blocks of this kind a state lists. */
  blocks: Block[];
  /** Listed blocks of this kind hidden now (kept ones left out). */
  hidden: number;
  /** Blocks of this kind found but not listed (a state lists MAX_LISTED_BLOCKS at most). */
  more: number;
  /** Blocks of this kind found: listed and not. */
  found: number;
}

/** Blocks grouped by kind, in the engine's kind order, page order inside a group; `more` counts the unlisted ones by kind. */
export function groupBlocks(blocks: readonly Block[], more: Partial<Record<Kind, number>> = {}): BlockGroup[] {
  const groups: BlockGroup[] = [];
  for (const kind of KINDS) {
    const of = blocks.filter((b) => b.kind === kind);
    const unlisted = more[kind] ?? 0;
    if (of.length || unlisted) {
      groups.push({ kind, label: kindLabel(kind), blocks: of, hidden: of.filter((b) => !b.kept).length, more: unlisted, found: of.length + unlisted });
    }
  }
  return groups;
}

const COUNT_KEYS = {
  block: { one: 'countBlockOne', other: 'countBlockOther' },
  check: { one: 'countCheckOne', other: 'countCheckOther' },
  rule: { one: 'countRuleOne', other: 'countRuleOther' },
  page: { one: 'countPageOne', other: 'countPageOther' },
  kept: { one: 'countKeptOne', other: 'countKeptOther' },
  siteOff: { one: 'countSiteOffOne', other: 'countSiteOffOther' },
} as const satisfies Record<string, { one: MessageKey; other: MessageKey }>;

/** "1 block" / "3 blocks" (the browser's i18n has no plural rules: one and other forms). */
export function count(n: number, what: keyof typeof COUNT_KEYS): string {
  return t(n === 1 ? COUNT_KEYS[what].one : COUNT_KEYS[what].other, n);
}

/** A block's text for a list: white space collapsed; "(no text)" for an empty block. */
export function displayText(text: string): string {
  const t0 = text.replace(/\s+/g, ' ').trim();
  return t0 || t('noText');
}

/**
 * How a list names a block: its text; for a block without text, what it shows, its alt text and
 * its size (`Image “Sponsored”, 300×250`), so an image-only block can be found and put back.
 */
export function blockLabel(block: Pick<Block, 'text' | 'media'>): string {
  const text = block.text.replace(/\s+/g, ' ').trim();
  if (text || !block.media) return displayText(text);
  const { what, alt, width, height } = block.media;
  const noun = t(what === 'video' ? 'mediaVideo' : what === 'frame' ? 'mediaFrame' : 'mediaImage');
  const named = alt ? t('mediaWithAlt', noun, alt) : noun;
  return width && height ? t('mediaWithSize', named, String(width), String(height)) : named;
}
